package io.engram.runtime.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * JSON form of reports and manifests: snake_case keys in declaration order, maps in insertion order, two-space
 * indentation with "\n" line ends on every platform, doubles written as Java's shortest round-trip form. The same
 * {@link Report} always gives the same bytes.
 */
public final class ReportJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();
    private static final ObjectWriter WRITER = MAPPER.writer(printer());
    private static final ObjectReader REPORT_READER = MAPPER.readerFor(Report.class);

    private ReportJson() {}

    private static DefaultPrettyPrinter printer() {
        DefaultIndenter lf = new DefaultIndenter("  ", "\n");
        Separators seps = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER);
        return new DefaultPrettyPrinter(seps).withObjectIndenter(lf).withArrayIndenter(lf);
    }

    /** The shared mapper configuration (snake_case, ordered); do not reconfigure it. */
    static ObjectMapper mapper() { return MAPPER; }

    /** Pretty JSON of any value with this configuration, ending with a newline. */
    public static byte[] toBytes(Object value) {
        try {
            return (WRITER.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static String toJson(Report r) {
        return new String(toBytes(r), StandardCharsets.UTF_8);
    }

    public static Report fromJson(String json) throws IOException {
        return REPORT_READER.readValue(json);
    }

    /** Writes {@code report.json}-style output atomically. */
    public static void write(Report r, Path file) {
        AtomicFiles.writeBytes(file, toBytes(r));
    }

    /** Reads a report; Jackson's exception (with its location and field path) when the file is not a report. */
    public static Report read(Path file) throws IOException {
        return REPORT_READER.readValue(file.toFile());
    }
}
