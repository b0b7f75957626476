package io.github.samij.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InstanceScoreTest {

	/** Two 1×4 rows: truth objects 1 (4 px) and 2 (4 px); prediction 7 matches 1 exactly, 9 covers half of 2, 5 is extra. */
	@Test
	void matchesOneToOneAtEachThreshold() {
		int[] truth = { 1, 1, 1, 1, 2, 2, 2, 2, 0, 0 };
		int[] pred = { 7, 7, 7, 7, 9, 9, 0, 0, 5, 5 };
		InstanceScore s = InstanceScore.of(pred, truth);
		assertEquals(3, s.predicted);
		assertEquals(2, s.truth);
		// IoU(7, 1) = 1; IoU(9, 2) = 2 / 4 = 0.5 (a match at 0.5 only).
		assertEquals(2, s.tp[0]);
		assertEquals(1, s.tp[1]);
		assertEquals(2.0 / (2 + 1 + 0), s.ap(0), 1e-12);
		assertEquals(1.0 / (1 + 2 + 1), s.ap(1), 1e-12);
		assertEquals((2.0 / 3 + 9 * 0.25) / 10, s.meanAp(), 1e-12);
		assertEquals(2.0 * 2 / (2 * 2 + 1 + 0), s.f1(0), 1e-12);
	}

	@Test
	void emptyAgainstEmptyIsPerfectAndNothingFoundIsZero() {
		assertEquals(1, InstanceScore.of(new int[4], new int[4]).ap(0));
		assertEquals(0, InstanceScore.of(new int[4], new int[] { 0, 3, 3, 0 }).ap(0));
	}
}
