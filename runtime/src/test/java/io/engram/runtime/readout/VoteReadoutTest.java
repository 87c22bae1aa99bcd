package io.engram.runtime.readout;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Diehl and Cook's vote on a hand-sized case: 4 neurons, 2 classes (and a third class no sample has).
 * <pre>
 * sample  label  responses          class means: class 0 = (4+2)/2, 0, (1+1)/2, 0   = [3,   0, 1, 0]
 * s0      0      [4, 0, 1, 0]                    class 1 = (0+1)/2, (3+5)/2, (2+0)/2, 0 = [0.5, 4, 1, 0]
 * s1      0      [2, 0, 1, 0]       neuron 0 -> class 0 (3 > 0.5); neuron 1 -> class 1 (4 > 0);
 * s2      1      [0, 3, 2, 0]       neuron 2: 1 = 1, the first class with the highest mean keeps it -> class 0;
 * s3      1      [1, 5, 0, 0]       neuron 3 never responds -> unassigned (-1)
 * </pre>
 */
class VoteReadoutTest {
    private static final float[][] X = {{4, 0, 1, 0}, {2, 0, 1, 0}, {0, 3, 2, 0}, {1, 5, 0, 0}};
    private static final int[] Y = {0, 0, 1, 1};

    private static VoteReadout fitted() {
        VoteReadout v = new VoteReadout(4, 3);
        v.fit(X, Y);
        return v;
    }

    @Test
    void neuronsAreAssignedTheClassOfTheirHighestMeanResponse() {
        assertArrayEquals(new int[]{0, 1, 0, -1}, fitted().assignments());
    }

    @Test
    void aSampleIsTheClassWhoseNeuronsRespondMostOnAverage() {
        VoteReadout v = fitted();
        // [1, 1, 0, 9]: class 0 (neurons 0, 2) mean 0.5, class 1 (neuron 1) mean 1 -> 1; unassigned neuron 3 ignored
        assertEquals(1, v.predict(new float[]{1, 1, 0, 9}));
        // [2, 1, 2, 0]: class 0 mean 2, class 1 mean 1 -> 0
        assertEquals(0, v.predict(new float[]{2, 1, 2, 0}));
        // silence: both means 0, the first wins; class 2 has no neurons and is never predicted
        assertEquals(0, v.predict(new float[4]));
        // on the training set: s0 2.5 vs 0, s1 1.5 vs 0, s2 1 vs 3, s3 0.5 vs 5 -> all right
        assertEquals(1.0, v.accuracy(X, Y));
        // predictions 1 and 0 against labels 0 and 0 -> one of two
        assertEquals(0.5, v.accuracy(new float[][]{{1, 1, 0, 9}, {2, 1, 2, 0}}, new int[]{0, 0}));
        assertEquals(0.0, v.accuracy(new float[0][], new int[0]));
    }

    @Test
    void assignmentsAreACopy() {
        VoteReadout v = fitted();
        v.assignments()[0] = 2;
        assertArrayEquals(new int[]{0, 1, 0, -1}, v.assignments());
    }
}
