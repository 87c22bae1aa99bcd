package io.engram.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A study's table, written as CSV and JSON, read back by commons-csv's parser and by Jackson's tree reader. */
class StudyKitTableTest {
    @Test
    void aTableReadsBackCellForCell(@TempDir Path dir) throws Exception {
        StudyKit.Args a = StudyKit.Args.parse(new String[]{"--out", dir.toString(), "--seed", "7"}, "unused");
        StudyKit.Table t = new StudyKit.Table("title", "name", "value", "count");
        t.add("plain", 1.5, 3L);
        t.add("with, a comma", Double.NaN, 0L);
        PrintStream out = System.out;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            t.emit(a, "t", StudyKit.meta(a, "units", 16));
        } finally {
            System.setOut(out);
        }
        List<CSVRecord> rows;
        try (Reader r = Files.newBufferedReader(dir.resolve("t.csv"));
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            assertEquals(List.of("name", "value", "count"), p.getHeaderNames());
            rows = p.getRecords();
        }
        assertEquals(2, rows.size());
        assertEquals("plain", rows.get(0).get("name"));
        assertEquals(1.5, Double.parseDouble(rows.get(0).get("value")));
        assertEquals("3", rows.get(0).get("count"));
        assertEquals("with, a comma", rows.get(1).get("name"), "a comma inside a cell is quoted, not a column");
        assertEquals("NaN", rows.get(1).get("value"));
        assertTrue(!Files.readString(dir.resolve("t.csv")).contains("\r"), "lines end in \\n");

        JsonNode doc = new ObjectMapper().readTree(dir.resolve("t.json").toFile());
        assertEquals(7, doc.get("seed").asLong());
        assertEquals(16, doc.get("units").asInt());
        assertEquals("title", doc.get("title").asText());
        assertEquals(1.5, doc.get("rows").get(0).get("value").asDouble());
        assertTrue(doc.get("rows").get(1).get("value").isNull(), "NaN is written as JSON null");
        assertEquals("with, a comma", doc.get("rows").get(1).get("name").asText());
    }
}
