package io.github.samij.core.instances;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class RegionsTest {

	private static final int W = 12, H = 9;

	/** A ring with an island inside it, a 2×2 island beside it, a 2-pixel bar and a corner pixel. */
	private static final String[] PICTURE = {
		"............",
		".#######....",
		".#.....#.##.",
		".#.##..#.##.",
		".#.##..#....",
		".#.....#...#",
		".#######...#",
		"............",
		"#..........." };

	private static final String[] RING = {
		"............",
		".#######....",
		".#.....#....",
		".#.....#....",
		".#.....#....",
		".#.....#....",
		".#######....",
		"............",
		"............" };

	private static byte[] mask(String... rows) {
		byte[] m = new byte[W * H];
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				if (rows[y].charAt(x) == '#') m[y * W + x] = (byte) 255;
		return m;
	}

	private static int count(byte[] m) {
		int n = 0;
		for (byte b : m) if (b != 0) n++;
		return n;
	}

	@Test
	void componentsAreEightConnectedAndNumberedInRasterOrderOfTheirFirstPixel() {
		int[] labels = Regions.components(mask(PICTURE), W, H);
		assertEquals(1, labels[1 * W + 1], "the ring");
		assertEquals(1, labels[6 * W + 7]);
		assertEquals(2, labels[2 * W + 9], "the island beside it");
		assertEquals(3, labels[4 * W + 4], "the island inside it");
		assertEquals(4, labels[6 * W + 11], "the bar");
		assertEquals(5, labels[8 * W], "the corner pixel");
		assertEquals(0, labels[2 * W + 2]);
	}

	@Test
	void fillHolesFillsWhatTheOutsideCannotReach() {
		byte[] filled = Regions.fillHoles(mask(PICTURE), W, H);
		assertEquals(count(mask(PICTURE)) + 16, count(filled), "the ring's inside, 5 × 4 pixels, around its 2 × 2 island");
		assertEquals((byte) 255, filled[2 * W + 2]);
		assertEquals(0, filled[7 * W + 5], "outside stays outside");
	}

	@Test
	void cleanRemovesIslandsAndFillsHolesBelowTheArea() {
		byte[] m = mask(PICTURE);
		assertSame(m, Regions.clean(m, W, H, 1), "nothing is smaller than one pixel");
		assertArrayEquals(mask(RING), Regions.clean(m, W, H, 5), "the 16-pixel hole stays; the islands of 4, 4, 2 and 1 go");
		byte[] filled = Regions.clean(m, W, H, 20);
		assertEquals(22 + 16 + 4, count(filled), "the hole is filled first, so the inner island joins the ring");
		assertEquals(0, filled[2 * W + 9]);
	}

	@Test
	void whenEveryIslandIsSmallTheLargestStays() {
		byte[] two = mask("............", "..##........", "............", "......#.....", "............", "............",
			"............", "............", "............");
		byte[] largest = mask("............", "..##........", "............", "............", "............", "............",
			"............", "............", "............");
		assertArrayEquals(largest, Regions.clean(two, W, H, 5));
	}

	@Test
	void depthIsTheChamferDistanceToAnotherLabel() {
		// A 5 × 7 block of label 1 at (1, 1) and a 2 × 2 block of label 2 touching its right side.
		int[] label = new int[W * H];
		for (int y = 1; y <= 7; y++)
			for (int x = 1; x <= 5; x++) label[y * W + x] = 1;
		for (int y = 3; y <= 4; y++)
			for (int x = 6; x <= 7; x++) label[y * W + x] = 2;
		int[] d = Regions.depth(label, W, H);
		assertEquals(0, d[0], "background");
		assertEquals(3, d[1 * W + 1], "a corner pixel: one side step from the outside");
		assertEquals(3, d[4 * W + 5], "beside label 2 counts as the outline");
		assertEquals(6, d[2 * W + 2], "two side steps in");
		assertEquals(9, d[4 * W + 3], "the centre: three side steps from the nearest outline");
		assertEquals(3, d[3 * W + 6], "label 2's pixels are all on its outline");
		int deepest = 0;
		for (int i = 0; i < d.length; i++)
			if (d[i] > d[deepest]) deepest = i;
		assertEquals(3 * W + 3, deepest, "the first innermost pixel in raster order");
	}
}
