package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.gui.PointRoi;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;
import ij.process.ImageProcessor;

import io.github.samij.core.Nuclei;
import io.github.samij.ij.output.SamResults;

import java.awt.event.KeyEvent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** Stacks and hyperstacks built from real DSB nuclei images, run through the real macro interpreter. */
@ExtendWith(ImageJFixture.class)
class StackTest {

	private static final String[] SAME_SIZE = { "dsb000", "dsb003", "dsb005", "dsb006", "dsb007" };

	private RoiManager rm;

	@BeforeEach
	void emptyManager() {
		rm = ImageJFixture.emptyManager();
	}

	@AfterEach
	void resetEscapeAndCache() {
		IJ.resetEscape();
		Models.setCacheBytes(io.github.samij.core.Segmenter.DEFAULT_CACHE_BYTES);
	}

	/** A stack of same-size DSB images (256 × 256), shown as the current image. */
	private static ImagePlus dsbStack(String... names) {
		ImageStack stack = new ImageStack(256, 256);
		for (String n : names) {
			ImagePlus one = IJ.openImage(ImageJFixture.dsb(n));
			assertEquals(256, one.getWidth(), n);
			stack.addSlice(n, one.getProcessor());
		}
		ImagePlus imp = new ImagePlus("dsb-stack", stack);
		imp.show();
		return imp;
	}

	/** One DSB image shifted by (dx, dy) per slice; background fills the uncovered edge. */
	private static ImagePlus shifted(String name, int slices, int dx, int dy, int blankFrom) {
		ImageProcessor base = IJ.openImage(ImageJFixture.dsb(name)).getProcessor();
		ImageStack stack = new ImageStack(base.getWidth(), base.getHeight());
		for (int i = 0; i < slices; i++) {
			ImageProcessor ip = base.duplicate();
			if (i >= blankFrom) {
				ip.setColor(0);
				ip.fill(); // the object (and everything else) disappears
			}
			else {
				ip.setBackgroundValue(0);
				ip.translate(i * dx, i * dy);
			}
			stack.addSlice("s" + (i + 1), ip);
		}
		ImagePlus imp = new ImagePlus(name + "-shifted", stack);
		imp.show();
		return imp;
	}

	@Test
	void samePromptOnEverySliceGivesPositionedRoisAndALabelPerSlice() {
		ImagePlus imp = dsbStack(SAME_SIZE);
		imp.setRoi(new Roi(10, 10, 236, 236)); // the whole field: SAM picks the main structure of each slice
		long runs = Models.get("").model().encoderRuns();
		String result = ImageJFixture.macro("run('Segment Stack...', 'mode=single keep=[best only] first=1 last=0 "
			+ "label_image');\nreturn '' + roiManager('count');");
		assertEquals("5", result);
		for (int i = 0; i < 5; i++) assertEquals(i + 1, rm.getRoi(i).getPosition(), "ROI " + i + " is on its slice");
		ImagePlus labels = WindowManager.getImage("dsb-stack-SAM-labels");
		assertNotNull(labels, "the label image is shown");
		assertEquals(5, labels.getStackSize());
		assertEquals(16, labels.getBitDepth());
		for (int s = 1; s <= 5; s++) {
			ImageProcessor ip = labels.getStack().getProcessor(s);
			assertEquals(s, (int) ip.getStatistics().max, "slice " + s + " holds label " + s);
		}
		assertTrue(Models.get("").model().encoderRuns() - runs <= 5, "at most one encoder run per slice");
		ij.measure.ResultsTable rt = SamResults.table();
		double[] z = rt.getColumnAsDoubles(rt.getColumnIndex("Z"));
		for (int i = 0; i < 5; i++) assertEquals(i + 1, z[z.length - 5 + i], "the results table names each row's slice");
	}

	@Test
	void aStackLargerThanTheCacheEncodesEachSliceOnce() {
		Models.setCacheBytes(2L * io.github.samij.core.Embedding.FLOATS * Float.BYTES);
		Models.get("").cache().clear(); // slices other tests encoded would be hits
		ImagePlus imp = dsbStack(SAME_SIZE);
		imp.setRoi(new PointRoi(128, 128));
		long runs = Models.get("").model().encoderRuns();
		ImageJFixture.macro("run('Segment Stack...', 'mode=multi keep=[best only]');");
		assertEquals(5, Models.get("").model().encoderRuns() - runs, "one encoder run per slice");
		assertEquals(2, Models.get("").cache().size(), "the cache holds no more than its bound");
		assertEquals(5, rm.getCount());
	}

	/** Both model families follow the nucleus (SAM 2 Hiera-Tiny by its name in the model field). */
	@ParameterizedTest
	@ValueSource(strings = { "", "sam2-hiera-tiny" })
	void propagationFollowsAShiftingNucleusToTheLastSlice(String model) {
		int[] click = nucleusClick("dsb000");
		shifted("dsb000", 8, 3, 2, Integer.MAX_VALUE);
		IJ.getImage().setRoi(new PointRoi(click[0], click[1]));
		ImageJFixture.macro("run('Propagate Through Stack...', 'axis=z direction=forward prompt_from=point min_iou=0.5 "
			+ "min_overlap=0.3 label_image model=[" + model + "]');");
		assertEquals(8, rm.getCount(), "one ROI per slice up to the last");
		java.awt.Rectangle first = rm.getRoi(0).getBounds(), last = rm.getRoi(7).getBounds();
		assertEquals(first.x + 7 * 3, last.x, 4, "followed the shift in x");
		assertEquals(first.y + 7 * 2, last.y, 4, "followed the shift in y");
		assertEquals(8, rm.getRoi(7).getPosition());
	}

	@Test
	void propagationStopsAndSaysSoWhenTheObjectDisappears() {
		int[] click = nucleusClick("dsb000");
		shifted("dsb000", 6, 2, 0, 3);
		IJ.getImage().setRoi(new PointRoi(click[0], click[1]));
		int log = IJ.getLog() == null ? 0 : IJ.getLog().length();
		ImageJFixture.macro("run('Propagate Through Stack...', 'axis=z prompt_from=point');");
		assertEquals(3, rm.getCount(), "the three slices with the object");
		String note = IJ.getLog().substring(log);
		assertTrue(note.contains("Object lost at c1 z4 t1"), note);
		assertTrue(note.contains("propagation stopped there"), note);
	}

	@Test
	void escapeCancelsWithinOneSliceAndKeepsWhatIsFinished() throws Exception {
		ImagePlus imp = dsbStack(SAME_SIZE);
		imp.setRoi(new PointRoi(128, 128));
		Models.get("").cache().clear(); // every slice needs its encoder run: time to press Escape
		Thread run = new Thread(() -> ImageJFixture.macro("run('Segment Stack...', 'mode=multi keep=[best only]');"));
		run.start();
		ImageJFixture.waitFor("the first slice's ROI", 120_000, () -> rm.getCount() >= 1);
		IJ.setKeyDown(KeyEvent.VK_ESCAPE);
		run.join(120_000);
		int kept = rm.getCount();
		assertTrue(kept >= 1 && kept < 5, "stopped early, finished slices kept: " + kept);
		for (int i = 0; i < kept; i++) assertEquals(i + 1, rm.getRoi(i).getPosition());
	}

	@Test
	void roiManagerPromptsSegmentTheirOwnSlices() {
		ImagePlus imp = dsbStack(SAME_SIZE);
		PointRoi onTwo = new PointRoi(128, 128);
		onTwo.setPosition(2);
		Roi boxOnFour = new Roi(20, 20, 100, 100);
		boxOnFour.setPosition(4);
		rm.addRoi(onTwo);
		rm.addRoi(boxOnFour);
		imp.deleteRoi();
		ImageJFixture.macro("run('Segment ROI Manager Prompts...', 'mode=auto keep=[best only] label_image');");
		assertEquals(4, rm.getCount(), "two prompts, then their two masks appended");
		assertEquals(2, rm.getRoi(2).getPosition());
		assertEquals(4, rm.getRoi(3).getPosition());
		assertTrue(rm.getRoi(3).getName().startsWith("SAM 1/1 single"), rm.getRoi(3).getName());
	}

	@Test
	void threeChannelHyperstackUsesTheChosenChannelsAsRgb() {
		ImagePlus rgb = IJ.openImage(ImageJFixture.dsb("dsb002")); // stained tissue, RGB
		ImageStack channels = new ImageStack(rgb.getWidth(), rgb.getHeight());
		for (int z = 0; z < 2; z++)
			for (ImageProcessor c : splitChannels(rgb)) channels.addSlice(c.duplicate());
		ImagePlus hyper = new ImagePlus("three-channels", channels);
		hyper.setDimensions(3, 2, 1);
		hyper = new ij.CompositeImage(hyper, ij.CompositeImage.COMPOSITE);
		hyper.show();
		hyper.setPosition(1, 2, 1);
		hyper.setRoi(new PointRoi(160, 128));
		ImageJFixture.macro("run('Segment Anything...', 'mode=multi keep=[best only] channels=1,2,3');");
		assertEquals(1, rm.getCount());
		Roi roi = rm.getRoi(0);
		assertEquals(0, roi.getCPosition(), "a mask belongs to all channels");
		assertEquals(2, roi.getZPosition());
		assertEquals(1, roi.getTPosition());
		ImageJFixture.macro("run('Segment Anything...', 'mode=multi keep=[best only] channels=2');");
		assertEquals(2, rm.getCount(), "one channel replicated as grey also works");
	}

	private static ImageProcessor[] splitChannels(ImagePlus rgb) {
		ij.process.ColorProcessor cp = (ij.process.ColorProcessor) rgb.getProcessor();
		return new ImageProcessor[] { cp.getChannel(1, null), cp.getChannel(2, null), cp.getChannel(3, null) };
	}

	/** The interior point of a mid-sized DSB nucleus away from the border, from the ground truth. */
	static int[] nucleusClick(String name) {
		Nuclei nuclei = new Nuclei(name, 256, 256);
		for (int label = 1; label <= nuclei.count; label++) {
			int[] b = nuclei.box(label);
			if (nuclei.area(label) > 150 && b[0] > 40 && b[1] > 40 && b[2] <= 180 && b[3] <= 190) return nuclei.interior(label);
		}
		throw new AssertionError("no suitable nucleus in " + name);
	}
}
