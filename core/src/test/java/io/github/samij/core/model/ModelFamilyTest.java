package io.github.samij.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The single-mask rule of each family, on made-up low-res logits. */
class ModelFamilyTest {

	private static final int PLANE = 256 * 256;

	/** Four planes: token 0 has {@code inside} pixels at +5, {@code unsure} at 0 (between ±0.05), the rest at −5. */
	private static float[] masks(int inside, int unsure) {
		float[] m = new float[4 * PLANE];
		Arrays.fill(m, -5);
		for (int i = 0; i < inside; i++) m[i] = 5;
		for (int i = inside; i < inside + unsure; i++) m[i] = 0;
		return m;
	}

	@Test
	void sam1AlwaysReturnsTokenZero() {
		assertEquals(0, ModelFamily.SAM1.singleMaskToken(masks(100, 5000), new float[] { 0.1f, 0.9f, 0.8f, 0.7f }));
	}

	@Test
	void sam2KeepsAStableTokenZeroAndOtherwiseTakesTheBestMultiMaskToken() {
		float[] iou = { 0.5f, 0.7f, 0.95f, 0.8f };
		assertEquals(0, ModelFamily.SAM2.singleMaskToken(masks(1000, 10), iou), "10 unsure of 1010: stable (99 %)");
		assertEquals(0, ModelFamily.SAM2.singleMaskToken(masks(1000, 20), iou), "20 of 1020: 98.04 %, still stable");
		assertEquals(2, ModelFamily.SAM2.singleMaskToken(masks(1000, 30), iou), "30 of 1030: 97.1 %, token 2 has the best IoU");
		assertEquals(0, ModelFamily.SAM2.singleMaskToken(masks(0, 0), iou), "an empty token 0 is left as it is");
	}
}
