package io.engram.chip.io;

import io.engram.chip.noc.PacketKind;
import io.engram.chip.spec.SpecException;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.WritableGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file written with jhdf's writer and read back through {@link Hdf5Fields}: typed values come back, and every
 * missing or mistyped entry is a {@link SpecException} naming the file and the HDF5 path.
 */
class Hdf5FieldsTest {
    /** The reader under test, with its protected reads made callable. */
    static final class Fields extends Hdf5Fields {
        Fields(String file) { super(file); }
    }

    private static Path write(Path dir) {
        Path p = dir.resolve("f.h5");
        try (WritableHdfFile h = HdfFile.write(p)) {
            h.putAttribute("name", "tiny");
            h.putAttribute("count", 42);
            h.putAttribute("big", 5_000_000_000L);
            h.putAttribute("ratio", 0.25);
            WritableGroup g = h.putGroup("layers");
            g.putAttribute("kind", "post-broadcast");
            g.putDataset("weights", new float[]{1.5f, -2f});
        }
        return p;
    }

    @Test
    void typedReadsComeBack(@TempDir Path dir) {
        Path p = write(dir);
        Fields r = new Fields(p.toString());
        try (HdfFile f = new HdfFile(p)) {
            assertEquals("tiny", r.str(f, "name"));
            assertEquals(42, r.integer(f, "count"));
            assertEquals(5_000_000_000L, r.lng(f, "big"));
            assertEquals(0.25, r.dbl(f, "ratio"));
            Group g = r.group(f, "layers");
            assertEquals(PacketKind.POST_BROADCAST, r.parseEnum(PacketKind.class, r.str(g, "kind"), "kind"));
            assertArrayEquals(new float[]{1.5f, -2f}, (float[]) r.dataset(g, "weights").getData());
            assertEquals("/layers/weights", r.where());
        }
    }

    @Test
    void missingAndMistypedEntriesNameTheFileAndThePath(@TempDir Path dir) {
        Path p = write(dir);
        String file = p.toString();
        Fields r = new Fields(file);
        try (HdfFile f = new HdfFile(p)) {
            Group g = r.group(f, "layers");
            check(assertThrows(SpecException.class, () -> r.str(f, "nothing")), file, "/@nothing", "missing attribute");
            check(assertThrows(SpecException.class, () -> r.str(f, "count")), file, "/@count", "expected text");
            check(assertThrows(SpecException.class, () -> r.integer(f, "name")), file, "/@name", "expected an integer");
            check(assertThrows(SpecException.class, () -> r.dbl(f, "name")), file, "/@name", "expected a number");
            check(assertThrows(SpecException.class, () -> r.group(f, "cores")), file, "/cores", "missing group");
            check(assertThrows(SpecException.class, () -> r.group(g, "weights")), file, "/layers/weights", "missing group");
            check(assertThrows(SpecException.class, () -> r.dataset(g, "bias")), file, "/layers/bias", "missing dataset");
            // an unknown enum value names the file, the key and the value (the path before '@' is the reader's
            // cursor, the dataset read last, not necessarily the node that holds the attribute)
            SpecException e = assertThrows(SpecException.class, () -> r.parseEnum(PacketKind.class, "teleport", "kind"));
            assertEquals(file, e.file());
            assertEquals("teleport", e.value());
            assertEquals("unknown value; one of " + io.engram.chip.spec.SpecNode.choices(PacketKind.class), e.allowed());
            assertTrue(e.allowed().contains("post-broadcast"), e.allowed());
            assertTrue(e.fieldPath().endsWith("@kind"), e.fieldPath());
            // an attribute's unknown value names the node that holds it, whatever dataset was read last
            r.dataset(g, "weights");
            e = assertThrows(SpecException.class, () -> r.parseEnum(PacketKind.class, f, "name"));
            assertEquals("tiny", e.value());
            assertEquals(f.getPath() + "@name", e.fieldPath());
            assertEquals(PacketKind.POST_BROADCAST, r.parseEnum(PacketKind.class, g, "kind"));
            check(r.mismatch(g, "weights", 2, 3), file, "/layers/weights", "expected length 3");
        }
    }

    private static void check(SpecException e, String file, String path, String allowed) {
        assertEquals(file, e.file());
        assertEquals(path, e.fieldPath());
        assertEquals(allowed, e.allowed());
    }
}
