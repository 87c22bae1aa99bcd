package io.engram.runtime.validate;

import io.engram.chip.spec.SpecNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

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

    /** What every case file states about itself: its title and what it does and does not validate. */
    record Header(String name, String title, String validates, String doesNotValidate) {
        CaseResult result(List<Point> points, List<String> lines, Map<String, Object> details) {
            return new CaseResult(name, title, validates, doesNotValidate, points, lines, details);
        }
    }

    static Header header(String caseName, SpecNode c) {
        return new Header(caseName, c.requireString("title"), c.requireString("validates"),
                c.requireString("does_not_validate"));
    }
}
