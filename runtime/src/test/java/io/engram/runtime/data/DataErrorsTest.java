package io.engram.runtime.data;

import io.engram.chip.spec.SpecException;
import io.engram.chip.spec.SpecNode;
import io.engram.runtime.session.ExperimentSpec;
import io.engram.runtime.session.Progress;
import io.engram.runtime.session.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Degenerate data and data files of the wrong kind are user errors in the user's terms, naming the file (and, from a
 * session, the experiment's {@code data.source}). Before: IDX images of 0x0 were accepted, a folder gave
 * "IOException: Is a directory", a FIFO blocked forever, and a data-source error named neither the experiment file
 * nor the field.
 */
class DataErrorsTest {
    @TempDir
    Path tmp;

    private static void names(SpecException e, String... parts) {
        for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + p + "' in: " + e.getMessage());
    }

    private static Path fifo(Path p) throws Exception {
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo");
        return p;
    }

    @Test
    void idxImagesOfZeroRowsOrColumnsAreRefused() {
        Path images = tmp.resolve("img");
        Path labels = tmp.resolve("lab");
        IdxWriter.writeUbyte(images, new int[] {2, 0, 0}, new byte[0]);
        IdxWriter.writeUbyte(labels, new int[] {2}, new byte[] {0, 1});
        SpecException e = assertThrows(SpecException.class, () -> IdxReader.readDataset("z", images, labels, 0, 0));
        names(e, images.toString(), "0x0", "at least one row and one column");
    }

    @Test
    void aFolderOrAFifoWhereADataFileIsExpectedIsNamedAndNeverRead() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("train.csv"));
        names(assertThrows(SpecException.class, () -> CsvLoader.load(dir, "csv", 0)), dir.toString(),
                "a folder where a CSV file is expected");
        names(assertThrows(SpecException.class, () -> IdxReader.readHeader(dir)), "a folder where a data file is expected");
        Path pipe = fifo(tmp.resolve("pipe.csv"));
        // a FIFO with no writer blocks a reader forever: the readers must refuse it without opening it
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
            names(assertThrows(SpecException.class, () -> CsvLoader.load(pipe, "csv", 0)), "not a regular file");
            names(assertThrows(SpecException.class, () -> IdxReader.readHeader(pipe)), "not a regular file");
        });
    }

    @Test
    void aFifoAsExperimentFileIsRefusedWithoutBlocking() throws Exception {
        Path pipe = fifo(tmp.resolve("experiment.yaml"));
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () ->
                names(assertThrows(SpecException.class, () -> SpecNode.parse(pipe)), "not a regular file"));
        Path dir = Files.createDirectories(tmp.resolve("folder.yaml"));
        names(assertThrows(SpecException.class, () -> SpecNode.parse(dir)), "a folder where a YAML file is expected");
    }

    @Test
    void yamlThatIsNotUtf8TextIsSaidToBeSo() throws Exception {
        Path f = Files.write(tmp.resolve("latin1.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9, (byte) 0xFF, '\n'});
        names(assertThrows(SpecException.class, () -> SpecNode.parse(f)), f.toString(), "not UTF-8 text");
    }

    @Test
    void aDataSourceErrorNamesTheExperimentTheFieldAndTheDataFile() throws Exception {
        Files.writeString(tmp.resolve("network.yaml"), """
                name: n
                input: { shape: [1, 2, 2] }
                layers:
                  - { name: flat, type: flatten }
                  - { name: d, type: dense, units: 2 }
                """);
        Path csv = Files.createDirectories(tmp.resolve("train.csv"));
        Files.writeString(tmp.resolve("test.csv"), "0,0,0,0,1\n");
        Path exp = Files.writeString(tmp.resolve("experiment.yaml"), """
                network: network.yaml
                threads: 1
                data: { source: "csv:train.csv,test.csv", train: 1, test: 1 }
                """);
        ExperimentSpec spec = ExperimentSpec.read(SpecNode.parse(exp), tmp);
        SpecException e = assertThrows(SpecException.class, () -> new Session(spec, Progress.silent()).run());
        names(e, exp.toString(), "data.source", "csv:train.csv,test.csv", csv.toString(), "a folder where a CSV file is expected");
    }
}
