package io.engram.runtime.validate;

import io.engram.chip.spec.SpecNode;

import java.io.IOException;
import java.io.InputStream;

/** Reads a case's data folder from the classpath. */
final class CaseFiles {
    private CaseFiles() {}

    static SpecNode caseYaml(String caseName) {
        String res = "validation/" + caseName + "/case.yaml";
        try (InputStream in = CaseFiles.class.getClassLoader().getResourceAsStream(res)) {
            if (in == null) throw new IllegalStateException("missing built-in resource " + res);
            return SpecNode.parse(in, res);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + res, e);
        }
    }
}
