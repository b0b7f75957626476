package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.plugin.frame.RoiManager;

import io.github.samij.core.mask.Ranking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code ranking} key and {@code Ext.samSetRanking} in real macros. The click is the evaluation
 * protocol's click on nucleus 14 of dsb000: SAM ranks a mask of the nucleus and its neighbour first,
 * the smallest-confident ranking the nucleus alone.
 */
@ExtendWith(ImageJFixture.class)
class RankingOptionTest {

	private static final String CLICK = "open('%s');\nmakePoint(46, 8);\n";

	@Test
	void rankingKeyChangesWhichMaskBestOnlyKeeps() {
		RoiManager rm = ImageJFixture.managerWithOneEntry();
		String sam = bestOnly("");
		String smallest = bestOnly(" ranking=smallest_confident");
		String[] a = sam.split("\\|"), b = smallest.split("\\|");
		assertTrue(Long.parseLong(b[0]) < Long.parseLong(a[0]), "a smaller rank 1: " + smallest + " vs " + sam);
		assertTrue(!a[1].equals(b[1]), "another mask token: " + smallest + " vs " + sam);
		assertEquals(3, rm.getCount(), "each run appended its one ROI after the existing entry");
		assertEquals("keep me", rm.getRoi(0).getName());

		// The macro extensions give the same first mask under the same ranking.
		String ext = ImageJFixture.macro(String.format(CLICK, ImageJFixture.dsb("dsb000"))
			+ "run('Segment Anything Macro Extensions');\n"
			+ "Ext.samSetMode('multi');\n"
			+ "Ext.samSetRanking('smallest_confident');\n"
			+ "Ext.samSegmentPoint(46, 8, 1);\n"
			+ "Ext.samGetMask(0, rank, scale, iou, stability, area);\n"
			+ "return '' + area + '|' + rank;");
		assertEquals(b[0] + "|1", ext, "Ext.samSetRanking: rank 1 is the smallest-confident mask");
	}

	@Test
	void unknownRankingIsOneLogLineAndAddsNothing() {
		RoiManager rm = ImageJFixture.managerWithOneEntry();
		int before = IJ.getLog() == null ? 0 : IJ.getLog().length();
		ImageJFixture.macro(String.format(CLICK, ImageJFixture.dsb("dsb000"))
			+ "run('Segment Anything...', 'mode=multi ranking=largest');");
		String log = IJ.getLog().substring(before).trim();
		assertEquals("Segment Anything: Unknown ranking 'largest': use predicted_iou or smallest_confident.", log);
		assertEquals(1, rm.getCount());
	}

	@Test
	void optionsSetLiveModesRanking() {
		try {
			ImageJFixture.macro("run('Segment Anything Options...', 'cache_mb=256 live_ranking=smallest_confident');");
			assertEquals(Ranking.SMALLEST_CONFIDENT, Models.liveRanking());
			int before = IJ.getLog() == null ? 0 : IJ.getLog().length();
			ImageJFixture.macro("run('Segment Anything Options...', 'cache_mb=256 live_ranking=largest');");
			assertEquals("Segment Anything: Unknown ranking 'largest': use predicted_iou or smallest_confident.",
				IJ.getLog().substring(before).trim());
			assertEquals(Ranking.SMALLEST_CONFIDENT, Models.liveRanking(), "a refused value changes nothing");
			ImageJFixture.macro("run('Segment Anything Options...', 'cache_mb=256');");
			assertEquals(Ranking.SMALLEST_CONFIDENT, Models.liveRanking(), "an omitted key keeps the current value");
		}
		finally {
			Models.setLiveRanking(Ranking.PREDICTED_IOU);
		}
	}

	/** Runs the command with keep=[best only]; returns the kept ROI's area and token. */
	private static String bestOnly(String ranking) {
		return ImageJFixture.macro(String.format(CLICK, ImageJFixture.dsb("dsb000"))
			+ "run('Segment Anything...', 'mode=multi keep=[best only]" + ranking + "');\n"
			+ "roiManager('select', roiManager('count') - 1);\n"
			+ "return '' + Roi.getProperty('sam_area') + '|' + Roi.getProperty('sam_token');");
	}
}
