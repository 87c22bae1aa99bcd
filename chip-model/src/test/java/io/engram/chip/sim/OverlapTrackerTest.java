package io.engram.chip.sim;

import io.engram.chip.core.CoreState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The interval bookkeeping against a brute-force count over every cycle, with a checkpoint round trip midway. */
class OverlapTrackerTest {
    private static final CoreState[] STATES = {CoreState.BUSY_READ, CoreState.BUSY_NEURON, CoreState.BUSY_COMPETE,
            CoreState.BUSY_LEARN, CoreState.BUSY_LEARN, CoreState.IDLE};

    @Test
    void learnOverlapEqualsCycleByCycleCount() {
        for (int seed = 0; seed < 200; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            int cores = 1 + r.nextInt(5);
            OverlapTracker t = new OverlapTracker(cores);
            List<long[]> compute = new ArrayList<>();
            List<long[]> learn = new ArrayList<>();
            long clock = 0;
            int rounds = 1 + r.nextInt(60);
            for (int round = 0; round < rounds; round++) {
                int n = r.nextInt(seed % 2 == 0 ? 8 : 60); // many intervals: inserts into full arrays
                for (int k = 0; k < n; k++) {
                    int core = r.nextInt(cores);
                    long start = clock + r.nextInt(seed % 2 == 0 ? 50 : 2000);
                    long end = start + r.nextInt(40);
                    CoreState st = STATES[r.nextInt(STATES.length)];
                    t.busy(core, start, end, st);
                    if (st == CoreState.BUSY_LEARN) learn.add(new long[]{core, start, end});
                    else if (st != CoreState.IDLE) compute.add(new long[]{start, end});
                }
                clock += r.nextInt(60);
                t.finalizeBefore(clock);
                if (round == rounds / 2) { // a checkpoint restored into a fresh tracker carries on alike
                    OverlapTracker copy = new OverlapTracker(cores);
                    copy.restore(t.state());
                    assertArrayEquals(t.state(), copy.state());
                    t = copy;
                }
            }
            t.finalizeBefore(Long.MAX_VALUE);
            long[] expected = new long[cores];
            for (long[] l : learn) {
                for (long c = l[1]; c < l[2]; c++) {
                    for (long[] iv : compute) {
                        if (iv[0] <= c && c < iv[1]) {
                            expected[(int) l[0]]++;
                            break;
                        }
                    }
                }
            }
            assertArrayEquals(expected, t.overlap(), "seed " + seed);
        }
    }
}
