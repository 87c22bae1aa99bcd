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
        return EngramCli.EXIT_OK;
    }
}
