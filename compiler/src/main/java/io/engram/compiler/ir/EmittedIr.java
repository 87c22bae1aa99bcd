package io.engram.compiler.ir;

import io.engram.chip.program.ChipProgram;
import io.engram.chip.program.LayerProgram;
import io.engram.chip.program.Tile;

/** After emit: the {@link ChipProgram}. */
public record EmittedIr(AllocatedIr allocated, ChipProgram program, Stats stats) implements Ir {

    /**
     * @param weightBytes float32 bytes of initial weights and biases in the program
     */
    public record Stats(int layers, int tiles, int routes, int coresUsed, long weightBytes) {}

    @Override
    public String dump() {
        StringBuilder sb = new StringBuilder();
        sb.append("; emit: program for chip `").append(program.chipName()).append("`, input ").append(program.input()).append('\n');
        for (int i = 0; i < program.layers().size(); i++) {
            LayerProgram l = program.layers().get(i);
            sb.append(i).append(' ').append(l.name()).append(' ').append(Describe.lower(l.kind())).append(' ')
                    .append(l.in()).append(" -> ").append(l.out());
            if (l.hasWeights()) {
                sb.append(" matrix ").append(l.rows()).append('x').append(l.cols()).append(" positions ").append(l.positions())
                        .append(" weight_scale ").append(Fmt.num(l.weightScale())).append(" tiles");
                for (Tile t : l.tiles()) {
                    sb.append(Fmt.f(" [core %d r%d+%d c%d+%d]", t.core(), t.rowStart(), t.rows(), t.colStart(), t.cols()));
                }
            }
            sb.append('\n');
        }
        sb.append("sram bytes per core:");
        long[] s = program.sramBytesPerCore();
        for (int c = 0; c < s.length; c++) if (s[c] > 0) sb.append(' ').append(c).append(':').append(s[c]);
        sb.append('\n');
        sb.append(Fmt.f("; stats: layers %d, tiles %d, routes %d, cores used %d, weight bytes %d%n", stats.layers,
                stats.tiles, stats.routes, stats.coresUsed, stats.weightBytes));
        return sb.toString();
    }
}
