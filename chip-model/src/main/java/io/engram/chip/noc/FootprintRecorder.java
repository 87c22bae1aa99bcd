package io.engram.chip.noc;

import java.util.Arrays;

/**
 * Records the {@link Footprint} of the traffic a {@link Noc} carries: installed on the network as its listener of
 * resource use, it keeps the first and last cycle of use of each resource and the outputs that saw contention, while
 * the network itself only reports. The {@link PhaseComposer} uses it to find packets that never meet.
 */
final class FootprintRecorder implements Noc.UseListener {
    private static final long UNUSED = Long.MAX_VALUE;
    private final Noc noc;
    private final long[] firstUse;
    private final long[] lastUse;
    private final boolean[] contendedAt;
    /** Resources used since recording started, in first-use order. */
    private int[] usedResources = new int[64];
    private int usedCount;

    FootprintRecorder(Noc noc) {
        this.noc = noc;
        int resources = noc.mesh().cores() * Footprint.SLOTS;
        firstUse = new long[resources];
        lastUse = new long[resources];
        contendedAt = new boolean[resources];
        Arrays.fill(firstUse, UNUSED);
    }

    /**
     * Starts recording the traffic injected from now on, forgetting any earlier one.
     *
     * @throws IllegalStateException if a delivery is still outstanding
     */
    void start() {
        if (noc.outstandingDeliveries() != 0) {
            throw new IllegalStateException("footprints are recorded from a drained network; "
                    + noc.outstandingDeliveries() + " deliveries outstanding");
        }
        for (int i = 0; i < usedCount; i++) {
            int r = usedResources[i];
            firstUse[r] = UNUSED;
            lastUse[r] = 0;
            contendedAt[r] = false;
        }
        usedCount = 0;
        noc.setUseListener(this);
    }

    /** What the traffic injected since {@link #start()} used, and when; outputs with the priority left there now. */
    Footprint footprint() {
        int[] res = Arrays.copyOf(usedResources, usedCount);
        Arrays.sort(res);
        long[] first = new long[res.length];
        long[] last = new long[res.length];
        int[] after = new int[res.length];
        int contended = 0;
        for (int k = 0; k < res.length; k++) {
            int r = res[k];
            first[k] = firstUse[r];
            last[k] = lastUse[r];
            int o = r % Footprint.SLOTS;
            after[k] = o == Footprint.INTERFACE ? -1 : noc.arbiterPriority(r / Footprint.SLOTS, o);
            if (contendedAt[r]) contended++;
        }
        int[] c = new int[contended];
        for (int k = 0, n = 0; k < res.length; k++) if (contendedAt[res[k]]) c[n++] = res[k];
        return new Footprint(res, first, last, after, c);
    }

    @Override
    public void used(int resource, long t) {
        if (firstUse[resource] == UNUSED) {
            if (usedCount == usedResources.length) usedResources = Arrays.copyOf(usedResources, usedCount * 2);
            usedResources[usedCount++] = resource;
            firstUse[resource] = t;
            lastUse[resource] = t;
            return;
        }
        if (t < firstUse[resource]) firstUse[resource] = t;
        if (t > lastUse[resource]) lastUse[resource] = t;
    }

    @Override
    public void contended(int resource) { contendedAt[resource] = true; }
}
