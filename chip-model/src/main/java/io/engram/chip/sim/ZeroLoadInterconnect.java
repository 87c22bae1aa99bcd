package io.engram.chip.sim;

import io.engram.chip.noc.PacketKind;
import io.engram.chip.noc.XyRouting;
import io.engram.chip.spec.ChipSpec;
import io.engram.chip.stats.ActionCounters;
import io.engram.chip.tech.Action;

import java.util.List;

/**
 * Contention-free XY mesh: latency = (hops + 1) x router cycles + hops x link cycles + (flits - 1); each multicast
 * destination is a unicast copy. Counts router and link flits exactly as the cycle-level model does, but never stalls.
 * Used when a study asks for the zero-load bound.
 */
public final class ZeroLoadInterconnect implements Interconnect {
    private final ChipSpec chip;
    private final ActionCounters counts = new ActionCounters();
    private final long[] byKind = new long[io.engram.chip.noc.PacketKind.values().length * KIND_FIELDS];
    private long packets;
    private long flits;
    private long hops;

    public ZeroLoadInterconnect(ChipSpec chip) { this.chip = chip; }

    @Override
    public long[] deliver(List<Transfer> transfers) {
        long[] out = new long[transfers.size()];
        long router = chip.technology().cycles(Action.ROUTER_FLIT);
        long link = chip.technology().cycles(Action.LINK_FLIT);
        int w = chip.mesh().width();
        for (int t = 0; t < transfers.size(); t++) {
            Transfer tr = transfers.get(t);
            long done = tr.readyCycle();
            int f = chip.noc().flitsFor(tr.payloadBits());
            for (int d : tr.dests()) {
                if (d == tr.src()) continue;
                int h = XyRouting.hops(tr.src(), d, w);
                packets++;
                flits += f;
                hops += (long) h * f;
                counts.add(Action.ROUTER_FLIT, (long) (h + 1) * f);
                counts.add(Action.LINK_FLIT, (long) h * f);
                int b = tr.kind().ordinal() * KIND_FIELDS;
                byKind[b]++;
                byKind[b + 1] += (long) (h + 1) * f;
                byKind[b + 2] += (long) h * f;
                done = Math.max(done, tr.readyCycle() + (h + 1) * router + h * link + (f - 1));
            }
            out[t] = done;
        }
        return out;
    }

    @Override
    public ActionCounters counts() { return counts; }

    @Override
    public long[] byKind() { return byKind.clone(); }

    @Override
    public NocTotals totals() { return new NocTotals(packets, flits, hops, 0, 0); }

    @Override
    public long barrier() {
        counts.inc(Action.BARRIER_SYNC);
        return chip.technology().cycles(Action.BARRIER_SYNC);
    }

    @Override
    public NocState saveState() {
        return new NocState(counts.toArray(), new long[0], packets, flits, hops, 0, byKind);
    }

    @Override
    public void restoreState(NocState s) {
        counts.reset();
        counts.addAll(ActionCounters.fromArray(s.counts()));
        packets = s.packets();
        flits = s.flits();
        hops = s.hops();
        System.arraycopy(s.byKind(), 0, byKind, 0, byKind.length);
    }
}
