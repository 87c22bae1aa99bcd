package io.engram.runtime.cli;

import io.engram.chip.spec.ChipSpec;
import io.engram.chip.spec.CoreSpec;
import io.engram.chip.spec.SpecNode;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "presets", description = "List the built-in chips and technology files.")
final class PresetsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.printf("%-14s %-6s %-10s %-14s %-22s %-14s %s%n", "chip", "cores", "crossbar", "synapse",
                "device", "adc", "technology");
        for (String name : ChipSpec.PRESETS) {
            ChipSpec c = ChipSpec.preset(name);
            CoreSpec k = c.core();
            String dev = SpecNode.displayName(k.device().kind()) + " " + k.device().levels() + " lv";
            String adc = k.adc().mode() == io.engram.chip.spec.AdcSpec.Mode.IDEAL ? "ideal"
                    : k.adc().bits() + "b " + k.adc().columnsPerAdc() + ":1";
            System.out.printf("%-14s %-6d %-10s %-14s %-22s %-14s %s (sha256 %s)%n", name, c.mesh().cores(),
                    k.crossbar().rows() + "x" + k.crossbar().cols(), SpecNode.displayName(k.synapse()), dev, adc,
                    c.technology().name(), c.technology().sha256().substring(0, 12));
        }
        System.out.println();
        System.out.println("technology files: rram-22nm, digital-sram (chip-model/src/main/resources/technology/)");
        System.out.println();
        System.out.println("validation chips (engram validate; chip-model/src/main/resources/eventcore/ and cim/):");
        for (String name : io.engram.chip.eventcore.EventChipSpec.PRESETS) {
            io.engram.chip.eventcore.EventChipSpec e = io.engram.chip.eventcore.EventChipSpec.builtIn(name);
            System.out.printf("%-14s %-6d event cores, %d tiles of %d on a %dx%d mesh, %d compartments per core, "
                    + "time model %s, technologies %s%n", name, e.cores(), e.tiles(), e.coresPerTile(), e.meshWidth(),
                    e.meshHeight(), e.compartmentsPerCore(), e.timeModel().key(),
                    String.join(", ", io.engram.chip.eventcore.EventCosts.BUILT_IN));
        }
        for (String name : io.engram.chip.cim.CimChipSpec.PRESETS) {
            io.engram.chip.cim.CimChipSpec c = io.engram.chip.cim.CimChipSpec.builtIn(name);
            System.out.printf("%-14s %-6d %dx%d crossbars, readout %s, inputs %d-%d bits, time model %s, "
                    + "technology %s%n", name, c.cores(), c.rows(), c.cols(), c.readout().key(), c.minInputBits(),
                    c.maxInputBits(), c.timeModel().key(), c.technology());
        }
        return EngramCli.EXIT_OK;
    }
}
