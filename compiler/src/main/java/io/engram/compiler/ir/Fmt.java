package io.engram.compiler.ir;

import java.util.Locale;

/** Number formatting for dumps and messages: locale-independent and stable, so golden files compare exactly. */
public final class Fmt {
    private Fmt() {}

    /** Shortest exact form for round numbers, four significant digits otherwise. */
    public static String num(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%.4g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.indexOf('.') >= 0) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }

    /** Thousands-separated integer, e.g. 65,536. */
    public static String count(long v) { return String.format(Locale.ROOT, "%,d", v); }

    public static String pct(double fraction) { return String.format(Locale.ROOT, "%.1f%%", 100 * fraction); }

    public static String f(String pattern, Object... args) { return String.format(Locale.ROOT, pattern, args); }
}
