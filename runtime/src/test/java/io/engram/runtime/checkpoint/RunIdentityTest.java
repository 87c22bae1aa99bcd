package io.engram.runtime.checkpoint;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a resume compares: the flattened identity, its hash, its JSON form and the changes it names. */
class RunIdentityTest {
    private static final String NET_A = "aaaaaaaaaaaa1111111111111111111111111111111111111111111111111111";
    private static final String NET_B = "bbbbbbbbbbbb2222222222222222222222222222222222222222222222222222";

    @Test
    void fieldsAreSortedSoInsertionOrderDoesNotMatter() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("seed", "1");
        a.put("chip.name", "rram-22nm");
        Map<String, String> b = new LinkedHashMap<>();
        b.put("chip.name", "rram-22nm");
        b.put("seed", "1");
        RunIdentity x = new RunIdentity(a);
        RunIdentity y = new RunIdentity(b);
        assertEquals(x, y);
        assertEquals(x.hash(), y.hash());
        assertEquals("{\"chip.name\":\"rram-22nm\",\"seed\":\"1\"}", x.toJson());
        // the hash is the SHA-256 of that JSON text, recomputed here with the JDK
        assertEquals(sha256(x.toJson()), x.hash());
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theJsonFormParsesBackAndAnythingElseIsNull() {
        RunIdentity x = new RunIdentity(Map.of("seed", "1", "data.test.sha256", NET_A));
        assertEquals(x, RunIdentity.parse(x.toJson()));
        assertNull(RunIdentity.parse("not json"));
        assertNull(RunIdentity.parse("[1, 2]"));
        assertNull(RunIdentity.parse("null"));
    }

    @Test
    void differencesNameEachChangedAddedAndRemovedFieldWithShortDigests() {
        RunIdentity then = new RunIdentity(Map.of("seed", "1", "network.sha256", NET_A, "training.epochs", "2"));
        RunIdentity now = new RunIdentity(Map.of("seed", "1", "network.sha256", NET_B, "chip.mesh.width", "8"));
        assertEquals(List.of("chip.mesh.width: (absent) -> 8", "network.sha256: aaaaaaaaaaaa -> bbbbbbbbbbbb",
                "training.epochs: 2 -> (absent)"), then.differences(now));
        assertEquals(List.of(), then.differences(then));
        String d = then.describeChanges(now);
        assertEquals("chip.mesh.width: (absent) -> 8; the network file's content changed (network.sha256: aaaaaaaaaaaa"
                + " -> bbbbbbbbbbbb); training.epochs: 2 -> (absent)", d);
        assertTrue(RunIdentity.explain("data.train.sha256").contains("training data"));
    }
}
