package io.engram.chip.spec;

/**
 * One neuromorphic core.
 *
 * @param synapse        RRAM crossbar or digital SRAM synapses
 * @param crossbar       array geometry
 * @param device         synaptic device
 * @param dac            input drive
 * @param adc            column read-out
 * @param neuronLanes    neuron updates per cycle (time-multiplexed digital neuron units)
 * @param competitionLanes comparisons / exponentials per cycle in the competition unit
 * @param plasticity     on-core plasticity engine
 * @param sramBytes      local SRAM (buffers, traces, accumulators, routing table)
 */
public record CoreSpec(SynapseKind synapse, CrossbarSpec crossbar, DeviceSpec device, DacSpec dac, AdcSpec adc,
                       int neuronLanes, int competitionLanes, PlasticitySpec plasticity, long sramBytes) {
    public CoreSpec {
        if (neuronLanes < 1 || competitionLanes < 1 || sramBytes < 0) throw new IllegalArgumentException();
    }

    public CoreSpec withDevice(DeviceSpec d) {
        return new CoreSpec(synapse, crossbar, d, dac, adc, neuronLanes, competitionLanes, plasticity, sramBytes);
    }

    public CoreSpec withAdc(AdcSpec a) {
        return new CoreSpec(synapse, crossbar, device, dac, a, neuronLanes, competitionLanes, plasticity, sramBytes);
    }

    public CoreSpec withDac(DacSpec d) {
        return new CoreSpec(synapse, crossbar, device, d, adc, neuronLanes, competitionLanes, plasticity, sramBytes);
    }

    public CoreSpec withCrossbar(CrossbarSpec c) {
        return new CoreSpec(synapse, c, device, dac, adc, neuronLanes, competitionLanes, plasticity, sramBytes);
    }

    public CoreSpec withPlasticity(PlasticitySpec p) {
        return new CoreSpec(synapse, crossbar, device, dac, adc, neuronLanes, competitionLanes, p, sramBytes);
    }

    static CoreSpec read(SpecNode n) {
        SynapseKind syn = n.optEnum("synapse", SynapseKind.class, SynapseKind.RRAM);
        CrossbarSpec xb = CrossbarSpec.read(n.object("crossbar"));
        DeviceSpec dev = DeviceSpec.read(n.object("device"));
        if (syn == SynapseKind.SRAM && dev.kind() != DeviceKind.DIGITAL) {
            throw n.error("device.model", SpecNode.displayName(dev.kind()), "an sram core needs model: digital");
        }
        if (syn == SynapseKind.RRAM && dev.kind() == DeviceKind.DIGITAL) {
            throw n.error("device.model", "digital", "an rram core needs an analog device model");
        }
        DacSpec dac = DacSpec.read(n.optObject("dac"));
        AdcSpec adc = AdcSpec.read(n.optObject("adc"), xb.cols());
        SpecNode neurons = n.optObject("neurons");
        int nl = neurons.optInt("lanes", 16, 1, 1 << 16);
        neurons.finish();
        SpecNode comp = n.optObject("competition");
        int cl = comp.optInt("lanes", 16, 1, 1 << 16);
        comp.finish();
        PlasticitySpec pl = PlasticitySpec.read(n.optObject("plasticity"), xb.cols());
        SpecNode sram = n.optObject("sram");
        long bytes = sram.optLong("bytes", 65536, 0, 1L << 40);
        sram.finish();
        n.finish();
        return new CoreSpec(syn, xb, dev, dac, adc, nl, cl, pl, bytes);
    }
}
