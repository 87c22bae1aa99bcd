package io.engram.compiler;

import io.engram.chip.spec.ChipSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

class SmokeTest {
    @Test
    void smoke() {
        ChipSpec chip = ChipSpec.resolve("rram-22nm");
        for (String f : new String[] {"networks/tiny-dense.yaml", "networks/tiny-conv.yaml", "nir/lif_norse.nir", "nir/cnn_sinabs.nir", "nir/braille_noDelay_bias_zero.nir"}) {
            Path p = Path.of("src/test/resources", f);
            CompileResult r = new Compiler().compile(NetworkSource.file(p), chip, CompileOptions.defaults());
            System.out.println("==== " + f + " ok=" + r.ok());
            System.out.println(r.renderDiagnostics());
            for (Pass pass : r.completed()) System.out.print(r.dump(pass));
            if (r.report() != null) System.out.println(r.report().toText());
        }
    }
}
