package io.engram.runtime.validate;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** Wall time and peak Java heap of a piece of work (printed, never written to validation.json: not reproducible). */
final class HostMeter {
    private final long start;

    private HostMeter() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
        }
        start = System.nanoTime();
    }

    static HostMeter start() { return new HostMeter(); }

    double seconds() { return (System.nanoTime() - start) / 1e9; }

    /** Sum of the heap pools' peak usage since {@link #start()}, in MiB. */
    double peakHeapMib() {
        long s = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) s += p.getPeakUsage().getUsed();
        }
        return s / (1024.0 * 1024.0);
    }
}
