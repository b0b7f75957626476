package io.github.samij.core.instances;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.instances.SegmentAllSettings.Objects;

import java.util.BitSet;

import org.junit.jupiter.api.Test;

class SeedsTest {

	private static final int W = 64, H = 40;

	/** Dark background (20) with discs of the given brightness: (x, y, radius, value) each. */
	private static int[] discs(int... xyrv) {
		int[] g = new int[W * H];
		java.util.Arrays.fill(g, 20);
		for (int k = 0; k < xyrv.length; k += 4)
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++) {
					int dx = x - xyrv[k], dy = y - xyrv[k + 1];
					if (dx * dx + dy * dy <= xyrv[k + 2] * xyrv[k + 2]) g[y * W + x] = xyrv[k + 3];
				}
		return g;
	}

	@Test
	void peaksArePointsThatStandOutByTheProminence() {
		float[] v = new float[W * H];
		v[10 * W + 10] = 50; // a tall peak
		v[10 * W + 12] = 45; // a shoulder of it: the path through (11, 10) never drops below 45 − 10
		v[10 * W + 11] = 40;
		v[30 * W + 40] = 20; // a second, lower peak, alone
		v[5 * W + 60] = 5; // a bump below the prominence
		assertArrayEquals(new int[] { 10, 10, 40, 30 }, Seeds.peaks(v, W, H, 10), "tallest first");
		assertArrayEquals(new int[] { 10, 10, 12, 10, 40, 30, 60, 5 }, Seeds.peaks(v, W, H, 1),
			"with a low prominence the shoulder and the bump count");
	}

	@Test
	void brightDiscsOnADarkBackgroundGiveOneSeedEach() {
		int[] g = discs(12, 12, 5, 200, 40, 20, 6, 180, 52, 32, 4, 220);
		Seeds.Found found = Seeds.find(g, W, H, Objects.AUTO);
		assertTrue(found.bright, "the discs are the bright minority");
		assertEquals(3, found.count(), java.util.Arrays.toString(found.points));
		Seeds.Found dark = Seeds.find(g, W, H, Objects.DARK);
		assertFalse(dark.bright);
		assertEquals(1, dark.count(), "on the dark side the background is one plateau, one peak");
		int x = dark.points[0], y = dark.points[1];
		assertEquals(20, g[y * W + x], "the dark seed lies on the background");
	}

	@Test
	void uncoveredPiecesGetASeedAtTheirInnermostPixel() {
		int[] g = discs(12, 12, 5, 200, 40, 20, 6, 180);
		BitSet covered = new BitSet(W * H);
		for (int y = 6; y <= 18; y++)
			for (int x = 6; x <= 18; x++) covered.set(y * W + x); // the first disc is found already
		assertArrayEquals(new int[] { 40, 20 }, Seeds.uncovered(g, W, H, true, 15, covered));
		assertArrayEquals(new int[] { 12, 12, 40, 20 }, Seeds.uncovered(g, W, H, true, 15, new BitSet()));
		assertArrayEquals(new int[0], Seeds.uncovered(g, W, H, true, 200, new BitSet()), "both discs under min_area");
	}
}
