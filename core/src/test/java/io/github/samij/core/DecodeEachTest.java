package io.github.samij.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.mask.Ranking;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@link Segmenter#decodeEach}, the many-prompt path of Segment All, against {@link Segmenter#decode}:
 * the same masks, ranks and scores, but each held in a window around itself.
 */
class DecodeEachTest {

	@Test
	void compactMasksAreTheSameMasksInASmallWindow() {
		Segmenter segmenter = SharedSegmenter.get();
		Nuclei truth = new Nuclei("dsb014", 696, 520);
		Embedding e = segmenter.encode(TestImages.load(TestImages.dsb("dsb014")));
		List<Prompt> prompts = List.of(Prompt.point(truth.interior(1)[0] + 0.5, truth.interior(1)[1] + 0.5),
			Prompt.point(truth.interior(2)[0] + 0.5, truth.interior(2)[1] + 0.5),
			Prompt.box(truth.box(3)[0], truth.box(3)[1], truth.box(3)[2], truth.box(3)[3]));
		List<Prediction> each = segmenter.decodeEach(e, prompts, MaskMode.AUTO, Ranking.SMALLEST_CONFIDENT);
		assertEquals(3, each.size());
		for (int p = 0; p < prompts.size(); p++) {
			Prediction one = segmenter.decode(e, prompts.get(p), MaskMode.AUTO, Ranking.SMALLEST_CONFIDENT);
			assertEquals(one.mode(), each.get(p).mode());
			assertEquals(one.masks().size(), each.get(p).masks().size());
			for (int k = 0; k < one.masks().size(); k++) {
				Mask full = one.masks().get(k), compact = each.get(p).masks().get(k);
				assertEquals(full.toString(), compact.toString(), "same token, rank, scale, scores and area");
				assertArrayEquals(full.bbox(), compact.bbox());
				assertArrayEquals(full.imagePixels(), compact.imagePixels(), "the same pixels");
				assertNull(compact.lowResLogits());
				int[] w = compact.window(), b = compact.bbox();
				if (compact.isEmpty()) continue;
				assertTrue(w[0] <= b[0] && w[1] <= b[1] && w[0] + w[2] >= b[0] + b[2] && w[1] + w[3] >= b[1] + b[3], "the window holds the mask");
				// The window reaches only as far as logits above -1: a few pixels around the mask.
				assertTrue((long) w[2] * w[3] <= (long) (b[2] + 16) * (b[3] + 16), compact + " in " + java.util.Arrays.toString(w));
			}
		}
	}
}
