package io.github.samij.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.image.Framing;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.util.List;

import org.junit.jupiter.api.Test;

class PromptTest {

	@Test
	void autoModeFollowsTheDocumentedRule() {
		assertSame(MaskMode.MULTI, MaskMode.AUTO.resolve(Prompt.point(1, 2)));
		assertSame(MaskMode.SINGLE, MaskMode.AUTO.resolve(Prompt.box(0, 0, 5, 5)));
		assertSame(MaskMode.SINGLE, MaskMode.AUTO.resolve(Prompt.point(1, 2).withPoint(3, 4, false)));
		assertSame(MaskMode.SINGLE, MaskMode.AUTO.resolve(Prompt.box(0, 0, 5, 5).withPoint(3, 4, true)));
		assertSame(MaskMode.SINGLE, MaskMode.AUTO.resolve(Prompt.point(1, 2).withMaskInput(new float[256 * 256])));
		assertSame(MaskMode.MULTI, MaskMode.MULTI.resolve(Prompt.box(0, 0, 5, 5)));
		assertSame(MaskMode.SINGLE, MaskMode.SINGLE.resolve(Prompt.point(1, 2)));
		assertEquals(MaskMode.MULTI, MaskMode.parse(" Multi "));
		SamException e = assertThrows(SamException.class, () -> MaskMode.parse("best"));
		assertEquals("Unknown mode 'best': use auto, multi or single.", e.getMessage());
	}

	@Test
	void promptsOutsideTheImageAreRefusedWithTheReason() {
		SamException e = assertThrows(SamException.class, () -> Prompt.point(600, 20).checkInside(512, 512));
		assertEquals("Point (600, 20) lies outside the 512×512 image; click inside the image.", e.getMessage());
		e = assertThrows(SamException.class, () -> Prompt.point(-1, 20).checkInside(512, 512));
		assertTrue(e.getMessage().startsWith("Point (-1, 20) lies outside"));
		e = assertThrows(SamException.class, () -> Prompt.box(10, 10, 700, 50).checkInside(512, 512));
		assertEquals("The box (10, 10)-(700, 50) reaches outside the 512×512 image; draw the box inside the image.",
			e.getMessage());
		e = assertThrows(SamException.class, () -> Prompt.box(10, 10, 10, 50).checkInside(512, 512));
		assertTrue(e.getMessage().contains("is empty"), e.getMessage());
		e = assertThrows(SamException.class, () -> Prompt.points(List.of()).checkInside(512, 512));
		assertEquals("The prompt is empty: give at least one point or a box.", e.getMessage());
		e = assertThrows(SamException.class, () -> Prompt.point(1, 1).withMaskInput(new float[10]));
		assertTrue(e.getMessage().startsWith("A mask to refine must be SAM's 256×256 low-res logits"));
	}

	@Test
	void outsidePromptNeverReachesTheModel() {
		Segmenter s = SharedSegmenter.get();
		SamImage coins = TestImages.load("sample-data/coins.png");
		long runs = s.model().encoderRuns();
		assertThrows(SamException.class, () -> s.segment(coins, Prompt.point(384, 400), MaskMode.AUTO));
		assertEquals(runs, s.model().encoderRuns(), "refused before encoding");
	}

	@Test
	void boxCornersAreNormalised() {
		Prompt.Box b = Prompt.box(50, 40, 10, 5).box();
		assertEquals(10, b.x0);
		assertEquals(5, b.y0);
		assertEquals(50, b.x1);
		assertEquals(40, b.y1);
		assertFalse(Prompt.box(0, 0, 1, 1).isSingleClick());
		assertEquals("(3, 4) (5.50, 6) background box (0, 0)-(9, 9)",
			Prompt.point(3, 4).withPoint(5.5, 6, false).withBox(0, 0, 9, 9).toString());
	}

	@Test
	void aBinaryMaskBecomesLowResLogitsInSamsFrame() {
		// The left half of a 512 × 256 image: SAM sees it at 1024 × 512, the low-res grid at 256 × 128.
		int w = 512, h = 256;
		byte[] left = new byte[w * h];
		for (int y = 0; y < h; y++) for (int x = 0; x < w / 2; x++) left[y * w + x] = 1;
		float[] logits = Prompt.maskLogits(left, w, h, Framing.LONGEST_SIDE);
		assertEquals(Prompt.LOW_RES * Prompt.LOW_RES, logits.length);
		float in = (float) Math.log(0.999 / 0.001);
		assertEquals(in, logits[10 * 256 + 10], 1e-4, "inside: probability 0.999");
		assertEquals(-in, logits[10 * 256 + 200], 1e-4, "outside");
		assertEquals(-in, logits[200 * 256 + 10], 1e-4, "the padding below the image is outside");
		assertEquals(in, logits[10 * 256 + 127], 1e-4, "the last cell inside the half");
		assertEquals(-in, logits[10 * 256 + 128], 1e-4, "the first cell past it");
		assertTrue(Prompt.box(0, 0, 256, 256).withMaskInput(logits).hasMaskInput());
		SamException e = assertThrows(SamException.class, () -> Prompt.maskLogits(new byte[10], 4, 4, Framing.LONGEST_SIDE));
		assertEquals("A mask of 10 pixels does not fit a 4×4 image.", e.getMessage());
	}
}
