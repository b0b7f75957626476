package io.github.samij.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.image.SamImage;
import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.mask.Scale;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.util.List;

import org.junit.jupiter.api.Test;

class SegmenterTest {

	@Test
	void ihcClickGivesThreeRankedMasksGrowingFromSubpartToWhole() {
		Segmenter s = SharedSegmenter.get();
		Prediction p = s.segment(TestImages.load("sample-data/ihc.png"), Prompt.point(300, 350), MaskMode.MULTI);
		List<Mask> masks = p.masks();
		assertEquals(3, masks.size());
		for (int r = 0; r < 3; r++) {
			Mask m = masks.get(r);
			System.out.println("ihc (300, 350): " + m + " bbox " + java.util.Arrays.toString(m.bbox()));
			assertEquals(r + 1, m.rank());
			assertTrue(m.iou() > 0 && m.iou() <= 1, "IoU in (0, 1]: " + m.iou());
			assertTrue(m.stability() > 0 && m.stability() <= 1, "stability in (0, 1]: " + m.stability());
			if (r > 0) assertTrue(masks.get(r - 1).iou() >= m.iou(), "ranked by IoU");
			assertEquals(512 * 512, m.pixels().length);
			assertTrue(m.pixels()[350 * 512 + 300] != 0 || m.scale() == Scale.WHOLE, "the click lies inside " + m);
		}
		Mask sub = byScale(masks, Scale.SUBPART), part = byScale(masks, Scale.PART), whole = byScale(masks, Scale.WHOLE);
		assertTrue(sub.area() < part.area() && part.area() < whole.area(), "areas grow from subpart to whole");
		assertEquals(MaskMode.MULTI, p.mode());
	}

	/** Work inside a call on the caller's thread alone gives the same masks as on the common pool. */
	@Test
	void theHelpersExecutorChangesNothingButWhereTheWorkRuns() {
		SamImage large = TestImages.load("sample-data/ihc.png");
		int[] rgb = new int[1024 * 1024];
		for (int y = 0; y < 1024; y++)
			for (int x = 0; x < 1024; x++) { // ihc.png doubled: large enough for the masks to be upscaled side by side
				int i = (y / 2) * 512 + x / 2;
				rgb[y * 1024 + x] = (large.plane(0)[i] & 0xff) << 16 | (large.plane(1)[i] & 0xff) << 8 | large.plane(2)[i] & 0xff;
			}
		SamImage image = SamImage.rgb(1024, 1024, rgb);
		Segmenter pooled = SharedSegmenter.get();
		Segmenter alone = new Segmenter(pooled.model(), 0, Parallel.SEQUENTIAL);
		Prediction a = pooled.segment(image, Prompt.point(600, 700), MaskMode.MULTI);
		Prediction b = alone.segment(image, Prompt.point(600, 700), MaskMode.MULTI);
		for (int i = 0; i < 3; i++) {
			assertEquals(a.masks().get(i).toString(), b.masks().get(i).toString());
			assertTrue(java.util.Arrays.equals(a.masks().get(i).pixels(), b.masks().get(i).pixels()), "mask " + (i + 1));
		}
	}

	private static Mask byScale(List<Mask> masks, Scale scale) {
		return masks.stream().filter(m -> m.scale() == scale).findFirst().orElseThrow();
	}
}
