package io.github.samij.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.image.SamImage;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Box and point prompts on real nuclei with ground truth (DSB 2018, dsb000: 256 × 256, 19 nuclei). */
class NucleusPromptTest {

	private static SamImage image;
	private static Nuclei nuclei;
	private static int a;
	private static int b;

	/** Picks nucleus A and its nearest neighbour B (both of fair size). */
	@BeforeAll
	static void pickNeighbours() {
		image = TestImages.load(TestImages.dsb("dsb000"));
		nuclei = new Nuclei("dsb000", image.width(), image.height());
		int[] pair = nuclei.nearestPair(100);
		a = pair[0];
		b = pair[1];
	}

	@Test
	void boxAroundANucleusGivesOneMaskMatchingItsGroundTruth() {
		int[] box = nuclei.box(a);
		Prediction p = SharedSegmenter.get().segment(image, Prompt.box(box[0], box[1], box[2], box[3]), MaskMode.AUTO);
		assertEquals(1, p.masks().size(), "a box is unambiguous: one mask");
		assertEquals(MaskMode.SINGLE, p.mode());
		assertEquals(0, p.best().token());
		double iou = TestImages.iou(p.best().pixels(), nuclei.labels, a);
		System.out.printf("dsb000 nucleus %d box %s: IoU with ground truth %.3f%n", a, java.util.Arrays.toString(box), iou);
		assertTrue(iou >= 0.7, "IoU with ground truth: " + iou);
	}

	@Test
	void backgroundClickOnTheNeighbourKeepsItOut() {
		int[] pa = nuclei.interior(a), pb = nuclei.interior(b);
		Segmenter s = SharedSegmenter.get();
		Prediction both = s.segment(image, Prompt.point(pa[0], pa[1]).withPoint(pb[0], pb[1], true), MaskMode.AUTO);
		Prediction onlyA = s.segment(image, Prompt.point(pa[0], pa[1]).withPoint(pb[0], pb[1], false), MaskMode.AUTO);
		assertEquals(MaskMode.SINGLE, onlyA.mode(), "several points: single mask under auto");

		byte[] withB = both.best().pixels(), withoutB = onlyA.best().pixels();
		assertTrue(withB[pb[1] * image.width() + pb[0]] != 0, "two foreground clicks cover the neighbour");
		assertTrue(withoutB[pa[1] * image.width() + pa[0]] != 0, "the foreground click stays inside");
		assertTrue(withoutB[pb[1] * image.width() + pb[0]] == 0, "the background click is outside");
		double coveredB = overlap(withoutB, b) / nuclei.area(b);
		double iouA = TestImages.iou(withoutB, nuclei.labels, a);
		System.out.printf("dsb000 nuclei %d (+) and %d (-): %.1f%% of the neighbour covered, IoU with %d = %.3f%n", a, b,
			100 * coveredB, a, iouA);
		assertTrue(coveredB < 0.1, "the neighbour is left out: " + coveredB);
		assertTrue(iouA >= 0.7, "the mask is nucleus A: " + iouA);
	}

	private double overlap(byte[] mask, int label) {
		double n = 0;
		for (int i = 0; i < mask.length; i++) if (mask[i] != 0 && nuclei.labels[i] == label) n++;
		return n;
	}
}
