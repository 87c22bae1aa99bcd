package io.engram.chip.stats;

import io.engram.chip.tech.Action;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The network-on-chip's statistics at the moment a {@link ChipStats} snapshot was taken (the {@link Stat}s of scope
 * {@link Stat.Scope#NOC}). Immutable: arrays are copied in and out.
 *
 * @param counts              router and link action counts ({@link Stat#NOC_ACTIONS})
 * @param kinds               packet kind names, lower case, in the order of the per-kind vectors
 * @param kindPackets         {@link Stat#NOC_KIND_PACKETS}
 * @param kindRouterTraversals {@link Stat#NOC_KIND_ROUTER_TRAVERSALS}
 * @param kindLinkFlitHops    {@link Stat#NOC_KIND_LINK_FLIT_HOPS}
 * @param links               name of each directed link ({@code ROUTER.PORT}), empty when not counted per link
 * @param linkLoads           {@link Stat#NOC_LINK_LOADS}, same length as {@code links}
 */
public record NocStatsSnapshot(ActionCounters counts, long packets, long flits, long hops, long stallCycles,
                               long maxLinkLoad, List<String> kinds, long[] kindPackets, long[] kindRouterTraversals,
                               long[] kindLinkFlitHops, List<String> links, long[] linkLoads) {
    public NocStatsSnapshot {
        counts = Objects.requireNonNull(counts, "counts").copy();
        kinds = List.copyOf(kinds);
        links = List.copyOf(links);
        kindPackets = kindPackets.clone();
        kindRouterTraversals = kindRouterTraversals.clone();
        kindLinkFlitHops = kindLinkFlitHops.clone();
        linkLoads = linkLoads.clone();
        if (kindPackets.length != kinds.size() || kindRouterTraversals.length != kinds.size()
                || kindLinkFlitHops.length != kinds.size()) {
            throw new IllegalArgumentException("per-kind vectors must have one value per kind (" + kinds.size() + ")");
        }
        if (linkLoads.length != links.size()) {
            throw new IllegalArgumentException(linkLoads.length + " link loads for " + links.size() + " links");
        }
    }

    @Override
    public ActionCounters counts() { return counts.copy(); }

    @Override
    public long[] kindPackets() { return kindPackets.clone(); }

    @Override
    public long[] kindRouterTraversals() { return kindRouterTraversals.clone(); }

    @Override
    public long[] kindLinkFlitHops() { return kindLinkFlitHops.clone(); }

    @Override
    public long[] linkLoads() { return linkLoads.clone(); }

    /** Whether the interconnect counted flits per link ({@link #linkLoads()} is not empty). */
    public boolean countsLinks() { return !links.isEmpty(); }

    /**
     * The router and link actions of one packet kind as counts ({@link Action#ROUTER_FLIT}, {@link Action#LINK_FLIT}),
     * for pricing by {@link EnergyAccount}.
     */
    public ActionCounters kindCounts(int kind) {
        ActionCounters c = new ActionCounters();
        c.add(Action.ROUTER_FLIT, kindRouterTraversals[kind]);
        c.add(Action.LINK_FLIT, kindLinkFlitHops[kind]);
        return c;
    }

    long scalar(Stat s) {
        return switch (s) {
            case NOC_PACKETS -> packets;
            case NOC_FLITS -> flits;
            case NOC_HOPS -> hops;
            case NOC_STALL_CYCLES -> stallCycles;
            case NOC_MAX_LINK_LOAD -> maxLinkLoad;
            default -> throw new IllegalArgumentException(s.key() + " is not a NoC scalar");
        };
    }

    long[] vector(Stat s) {
        return switch (s) {
            case NOC_ACTIONS -> counts.toArray();
            case NOC_KIND_PACKETS -> kindPackets.clone();
            case NOC_KIND_ROUTER_TRAVERSALS -> kindRouterTraversals.clone();
            case NOC_KIND_LINK_FLIT_HOPS -> kindLinkFlitHops.clone();
            case NOC_LINK_LOADS -> linkLoads.clone();
            default -> throw new IllegalArgumentException(s.key() + " is not a NoC vector");
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NocStatsSnapshot n && counts.equals(n.counts) && packets == n.packets && flits == n.flits
                && hops == n.hops && stallCycles == n.stallCycles && maxLinkLoad == n.maxLinkLoad
                && kinds.equals(n.kinds) && Arrays.equals(kindPackets, n.kindPackets)
                && Arrays.equals(kindRouterTraversals, n.kindRouterTraversals)
                && Arrays.equals(kindLinkFlitHops, n.kindLinkFlitHops) && links.equals(n.links)
                && Arrays.equals(linkLoads, n.linkLoads);
    }

    @Override
    public int hashCode() {
        return Objects.hash(counts, packets, flits, hops, stallCycles, maxLinkLoad, kinds, Arrays.hashCode(kindPackets),
                Arrays.hashCode(kindRouterTraversals), Arrays.hashCode(kindLinkFlitHops), links,
                Arrays.hashCode(linkLoads));
    }
}
