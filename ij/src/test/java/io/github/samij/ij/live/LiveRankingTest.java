package io.github.samij.ij.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.PointRoi;

import io.github.samij.core.Embedding;
import io.github.samij.core.Segmenter;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.mask.Ranking;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;
import io.github.samij.ij.Models;
import io.github.samij.ij.Plane;
import io.github.samij.ij.convert.ImageInput;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live mode ranks a click's masks as Segment Anything Options says. The click is the evaluation
 * protocol's click on nucleus 14 of dsb000, where SAM's own rank 1 covers two nuclei and the
 * smallest-confident rank 1 is the nucleus alone.
 */
class LiveRankingTest {

	@BeforeAll
	static void imageJ() {
		LiveFixture.start();
	}

	@AfterEach
	void close() throws Exception {
		Models.setLiveRanking(Ranking.PREDICTED_IOU);
		LiveFixture.closeAll();
		LiveFixture.waitFor("every worker thread to end", () -> LiveFixture.workers() == 0, 120_000);
	}

	@Test
	void theOptionsRankingOrdersThePreview() throws Exception {
		IJ.setTool("point");
		ImagePlus imp = LiveFixture.show(IJ.openImage(LiveFixture.repositoryFile("sample-data/dsb2018-dev/dsb000.png")
			.toString()), LiveFixture.MARGIN, LiveFixture.MARGIN);
		Segmenter sam = Models.get("");
		Embedding e = sam.encode(ImageInput.of(imp, Plane.current(imp), ImageInput.OWN_CHANNEL));
		for (int x = 46; x <= 47; x++)
			assertNotEquals(first(sam, e, x, Ranking.PREDICTED_IOU), first(sam, e, x, Ranking.SMALLEST_CONFIDENT),
				"the two rankings disagree on a click at (" + x + ", 8)");

		LiveSession live = LiveMode.start(imp);
		LiveFixture.waitFor("the embedding", live::isReady);
		assertEquals(first(sam, e, 46, Ranking.PREDICTED_IOU), previewFirst(live, imp, 46),
			"the default is SAM's own ranking");

		Models.setLiveRanking(Ranking.SMALLEST_CONFIDENT);
		// One pixel on: a new selection, so live mode segments again.
		assertEquals(first(sam, e, 47, Ranking.SMALLEST_CONFIDENT), previewFirst(live, imp, 47),
			"the next click follows the new ranking");
	}

	/** The rank-1 token of a click at (x, 8), decoded directly. */
	private static int first(Segmenter sam, Embedding e, int x, Ranking ranking) {
		return sam.decode(e, Prompt.point(x, 8), MaskMode.AUTO, ranking).masks().get(0).token();
	}

	/** Clicks (x, 8) as a macro's makePoint would and returns the preview's rank-1 token. */
	private static int previewFirst(LiveSession live, ImagePlus imp, int x) throws Exception {
		LiveFixture.edt(() -> {
			imp.setRoi(new PointRoi(x, 8));
			return null;
		});
		LiveFixture.waitFor("the preview of (" + x + ", 8)", () -> {
			Prediction p = live.preview();
			return p != null && p.prompt().points().get(0).x == x;
		});
		return LiveFixture.edt(() -> live.preview().masks().get(0).token());
	}
}
