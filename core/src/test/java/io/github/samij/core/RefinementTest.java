package io.github.samij.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.image.SamImage;
import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.mask.Scale;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class RefinementTest {

	@Test
	void previousLowResLogitsRefineTheMask() {
		Segmenter s = SharedSegmenter.get();
		SamImage ihc = TestImages.load("sample-data/ihc.png");
		Prediction first = s.segment(ihc, Prompt.point(300, 350), MaskMode.MULTI);
		Mask gland = first.masks().stream().filter(m -> m.scale() == Scale.SUBPART).findFirst().orElseThrow();
		assertEquals(Prompt.LOW_RES * Prompt.LOW_RES, gland.lowResLogits().length);

		// Refine the gland: all clicks so far plus a background click, with the chosen mask as mask_input.
		Prompt refine = Prompt.point(300, 350).withPoint(200, 200, false).withMaskInput(gland.lowResLogits());
		Prediction refined = s.segment(ihc, refine, MaskMode.AUTO);
		assertEquals(MaskMode.SINGLE, refined.mode(), "a refinement is unambiguous: single under auto");
		assertEquals(1, refined.masks().size());
		Mask m = refined.best();
		assertFalse(m.isEmpty());
		assertTrue(m.pixels()[350 * 512 + 300] != 0, "the clicked gland stays in the refined mask");
		assertTrue(m.pixels()[200 * 512 + 200] == 0, "the background click is out of the refined mask");
		assertFalse(Arrays.equals(m.lowResLogits(), gland.lowResLogits()), "refinement produces new logits");

		// The mask input really is used: the same clicks without it give different logits.
		Prediction plain = s.segment(ihc, Prompt.point(300, 350).withPoint(200, 200, false), MaskMode.SINGLE);
		assertNotEquals(0, maxDifference(plain.best().lowResLogits(), m.lowResLogits()), "mask_input changes the result");
		System.out.println("refined: " + m + "; without mask input: " + plain.best());
	}

	private static float maxDifference(float[] a, float[] b) {
		float d = 0;
		for (int i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
		return d;
	}
}
