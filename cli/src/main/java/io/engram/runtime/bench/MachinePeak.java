package io.engram.runtime.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine's peak single-precision rate that inference speed is compared with: given by the user, or assumed as
 * processors x clock x FLOP per cycle, with the clock read from {@code /proc/cpuinfo} (the hypervisor may hide the
 * turbo clock, so it is an estimate and said to be one).
 */
public record MachinePeak(double gflops, String source) {
    public static MachinePeak given(double gflops) {
        return new MachinePeak(gflops, "given by --peak-gflops");
    }

    public static MachinePeak assumed(int processors, double flopPerCycle) {
        double mhz = cpuMhz(Path.of("/proc/cpuinfo"));
        if (Double.isNaN(mhz)) return new MachinePeak(Double.NaN, "unknown: no clock in /proc/cpuinfo; pass --peak-gflops");
        return new MachinePeak(processors * mhz / 1e3 * flopPerCycle, String.format(Locale.ROOT,
                "assumed: %d processors x %.0f MHz x %.0f FLOP/cycle", processors, mhz, flopPerCycle));
    }

    /** The first "cpu MHz" line of a cpuinfo file, or NaN. */
    static double cpuMhz(Path cpuinfo) {
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("cpu MHz")) return Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            }
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
