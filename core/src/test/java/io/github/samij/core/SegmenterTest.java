package io.github.samij.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

	private static Mask byScale(List<Mask> masks, Scale scale) {
		return masks.stream().filter(m -> m.scale() == scale).findFirst().orElseThrow();
	}
}
