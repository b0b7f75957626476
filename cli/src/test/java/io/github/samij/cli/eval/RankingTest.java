package io.github.samij.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.Embedding;
import io.github.samij.core.Segmenter;
import io.github.samij.core.SharedSegmenter;
import io.github.samij.core.TestImages;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.mask.Ranking;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@link Ranking#SMALLEST_CONFIDENT}, the ranking option the study kept: the core orders masks the
 * way the study's rule chose them, on every nucleus of a real image, and changes nothing else.
 */
class RankingTest {

	@Test
	void theCoreOptionRanksAsTheStudysRuleChose() {
		Segmenter s = SharedSegmenter.get();
		SamImage image = TestImages.load(TestImages.dsb("dsb000"));
		LabelImage labels = new LabelImage(image.width(), image.height(), TestImages.labels("dsb000"));
		Embedding e = s.encode(image);
		RankingRule rule = null;
		for (RankingRule r : RankingRule.candidates()) if (r.name.equals("smallest_within_0.05")) rule = r;
		int changed = 0;
		for (LabelImage.GtObject o : labels.objects()) {
			int[] c = ClickPoint.of(o, image.width());
			Prompt p = Prompt.point(c[0], c[1]);
			Prediction sam = s.decode(e, p, MaskMode.MULTI);
			Prediction option = s.decode(e, p, MaskMode.MULTI, Ranking.SMALLEST_CONFIDENT);
			Evaluation.ObjectResult r = new Evaluation.ObjectResult();
			for (Mask m : sam.masks()) {
				r.predictedIou[m.token()] = m.iou();
				r.maskArea[m.token()] = m.area();
			}
			assertEquals(rule.choose(r), option.best().token(), "nucleus " + o.label);
			// Same three masks, same scores and scale names; only the order (ranks) may differ.
			List<Mask> a = sam.masks(), b = option.masks();
			assertEquals(3, b.size());
			for (int i = 0; i < 3; i++) assertEquals(i + 1, b.get(i).rank());
			for (Mask m : a) {
				Mask same = b.stream().filter(x -> x.token() == m.token()).findFirst().orElseThrow();
				assertEquals(m.iou(), same.iou());
				assertEquals(m.area(), same.area());
				assertEquals(m.scale(), same.scale());
			}
			double top = Math.max(a.get(0).iou(), 0);
			assertTrue(option.best().iou() >= top - Ranking.MARGIN, "rank 1 is within the margin of SAM's best");
			if (option.best().token() != sam.best().token()) changed++;
		}
		System.out.println("dsb000: SMALLEST_CONFIDENT changes rank 1 for " + changed + " of " + labels.objects().size() + " nuclei");
		// A box is unambiguous: one mask, whatever the ranking.
		assertEquals(1, s.decode(e, Prompt.box(10, 10, 60, 60), MaskMode.AUTO, Ranking.SMALLEST_CONFIDENT).masks().size());
	}
}
