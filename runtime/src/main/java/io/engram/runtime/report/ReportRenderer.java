package io.engram.runtime.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.engram.chip.spec.SpecException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Re-renders a finished run ({@code engram report DIR}): reads report.json, rewrites report.txt. */
public final class ReportRenderer {
    public static final String REPORT_JSON = "report.json";
    public static final String REPORT_TXT = "report.txt";

    private ReportRenderer() {}

    /**
     * @return the report read back
     * @throws SpecException when the folder or its report.json is missing, unreadable or not a report
     */
    public static Report rerender(Path runDir) {
        Report r = read(runDir);
        AtomicFiles.writeString(runDir.resolve(REPORT_TXT), ReportText.render(r));
        return r;
    }

    /** Reads DIR/report.json, with a {@link SpecException} naming the file, field and problem when it cannot. */
    public static Report read(Path runDir) {
        if (!Files.isDirectory(runDir)) {
            throw new SpecException(runDir.toString(), null, null,
                    Files.exists(runDir) ? "is not a folder; expected a run folder written by 'engram run'"
                            : "no such folder; expected a run folder written by 'engram run'");
        }
        Path file = runDir.resolve(REPORT_JSON);
        if (!Files.isRegularFile(file)) {
            throw new SpecException(file.toString(), null, null,
                    "missing: the run did not finish, or this is not a run folder (expected report.json)");
        }
        try {
            Report r = ReportJson.read(file);
            if (r == null) throw new SpecException(file.toString(), null, "null", "a JSON object in the report.json schema");
            return r;
        } catch (JsonMappingException e) {
            String path = fieldPath(e);
            String value = e.getLocation() == null ? null
                    : "at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new SpecException(file.toString(), path, value,
                    "not a valid report (" + e.getOriginalMessage() + ")", e);
        } catch (JsonProcessingException e) {
            String value = e.getLocation() == null ? null
                    : "at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new SpecException(file.toString(), null, value,
                    "corrupt JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new SpecException(file.toString(), null, null, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** energy.lines[3].count style path of a mapping error. */
    static String fieldPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
