package io.engram.runtime.cli.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mutation of a valid input: where (a fraction of the input, so it applies to any input length), which
 * replacement or bit. Text operations keep the file's structure around the change (a value, a number, a line, a key);
 * byte operations damage the file as storage does (truncation, bit flips, a zeroed block).
 *
 * @param op    what to do
 * @param where position as a fraction in [0, 1) of the candidates (bytes, lines, values)
 * @param pick  which replacement value, or which extra positions for multi-bit damage
 * @param bit   which bit of a byte
 */
record Mutation(Op op, double where, int pick, int bit) {
    enum Op {
        // text
        TRUNCATE, FLIP_BIT, DELETE_LINE, DUPLICATE_LINE, REPLACE_VALUE, REPLACE_NUMBER, RENAME_KEY, DELETE_KEY,
        // bytes only
        ZERO_BLOCK, FLIP_MANY
    }

    static final Op[] TEXT_OPS = {Op.TRUNCATE, Op.FLIP_BIT, Op.DELETE_LINE, Op.DUPLICATE_LINE, Op.REPLACE_VALUE,
            Op.REPLACE_NUMBER, Op.RENAME_KEY, Op.DELETE_KEY};
    static final Op[] BYTE_OPS = {Op.TRUNCATE, Op.FLIP_BIT, Op.ZERO_BLOCK, Op.FLIP_MANY};

    /** Type changes, extreme and non-finite values, empty and absurd text: what a careless or hostile user writes. */
    static final List<String> REPLACEMENTS = List.of("\"text\"", "[1, 2]", "{a: 1}", "null", "~", "true", "0", "-1",
            "1e308", "-1e308", ".nan", ".inf", "-.inf", "2147483648", "9223372036854775807", "-9223372036854775809",
            "99999999999999999999999", "1e-320", "0.5", "''", "16777216", "4294967296", "-0", "0x10", "1_000",
            "\"\\u0000\"", "[]", "{}", "!!binary AAAA", "*undefined", "&a 1", "2e9", "-2147483648");

    /** Bytes zeroed by {@link Op#ZERO_BLOCK}: half a disk sector... times eight, a 4 KiB page. */
    static final int BLOCK = 4096;
    /** Bits flipped by {@link Op#FLIP_MANY}. */
    static final int MANY = 8;

    private static final Pattern KEY_VALUE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)[ \\t]*:[ \\t]*([^,{}\\[\\]\\n#]*[^,{}\\[\\]\\n#\\s])");
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z_.])-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private int index(int n) { return Math.min(n - 1, (int) (where * n)); }

    String apply(String text) {
        switch (op) {
            case TRUNCATE:
            case FLIP_BIT:
            case ZERO_BLOCK:
            case FLIP_MANY:
                return new String(apply(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            case DELETE_LINE:
            case DUPLICATE_LINE: {
                List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
                int i = index(lines.size());
                if (op == Op.DELETE_LINE) lines.remove(i);
                else lines.add(i, lines.get(i));
                return String.join("\n", lines);
            }
            case REPLACE_VALUE:
            case RENAME_KEY:
            case DELETE_KEY: {
                List<int[]> spans = spans(KEY_VALUE, text, op == Op.RENAME_KEY ? 1 : op == Op.DELETE_KEY ? 0 : 2);
                if (spans.isEmpty()) return text;
                int[] s = spans.get(index(spans.size()));
                String with = op == Op.REPLACE_VALUE ? REPLACEMENTS.get(pick % REPLACEMENTS.size())
                        : op == Op.RENAME_KEY ? "x" + text.substring(s[0], s[1]) : "";
                return text.substring(0, s[0]) + with + text.substring(s[1]);
            }
            case REPLACE_NUMBER: {
                List<int[]> spans = spans(NUMBER, text, 0);
                if (spans.isEmpty()) return text;
                int[] s = spans.get(index(spans.size()));
                return text.substring(0, s[0]) + REPLACEMENTS.get(pick % REPLACEMENTS.size()) + text.substring(s[1]);
            }
            default:
                throw new IllegalStateException(op.toString());
        }
    }

    byte[] apply(byte[] b) {
        if (b.length == 0) return b;
        byte[] o = b.clone();
        int at = index(b.length);
        switch (op) {
            case TRUNCATE:
                return Arrays.copyOf(b, at);
            case FLIP_BIT:
                o[at] ^= (byte) (1 << bit);
                return o;
            case ZERO_BLOCK:
                Arrays.fill(o, at, Math.min(o.length, at + BLOCK), (byte) 0);
                return o;
            case FLIP_MANY: {
                java.util.SplittableRandom r = new java.util.SplittableRandom(pick);
                o[at] ^= (byte) (1 << bit);
                for (int k = 1; k < MANY; k++) o[r.nextInt(o.length)] ^= (byte) (1 << r.nextInt(8));
                return o;
            }
            default:
                throw new IllegalStateException(op + " is a text operation");
        }
    }

    private static List<int[]> spans(Pattern p, String text, int group) {
        List<int[]> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            // skip comment lines: a change there proves nothing
            int lineStart = text.lastIndexOf('\n', m.start()) + 1;
            if (text.substring(lineStart, m.start()).contains("#")) continue;
            out.add(new int[] {m.start(group), m.end(group)});
        }
        return out;
    }

    @Override
    public String toString() {
        return op + " at " + String.format(java.util.Locale.ROOT, "%.3f", where) + " pick " + pick + " bit " + bit;
    }
}
