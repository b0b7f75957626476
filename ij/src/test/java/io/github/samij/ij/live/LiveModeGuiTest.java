package io.github.samij.ij.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.ImageWindow;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.gui.Toolbar;
import ij.plugin.frame.RoiManager;

import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.mask.Scale;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;
import io.github.samij.ij.ScreenPixels;
import io.github.samij.ij.convert.RankColors;
import io.github.samij.ij.convert.SamRois;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live mode as a user drives it, in a real ImageJ window under Xvfb with the real model: the menu
 * command turns it on, java.awt.Robot clicks at image (300, 350) of ihc.png, the three masks appear
 * as a preview in their rank colours (checked in the overlay and on the screen), keys choose one
 * and keep it in the ROI Manager, an alt-click and a shift-click refine it, Escape clears, and the
 * command turns it off again. Screenshots go to target/screenshots/live-*.png (the README's).
 */
class LiveModeGuiTest {

	private static final Color BACKGROUND = new Color(0xF4F4F4), FRAME = new Color(0xB0B0B0);

	@BeforeAll
	static void imageJ() {
		LiveFixture.start();
	}

	@AfterEach
	void close() throws Exception {
		LiveFixture.closeAll();
	}

	@Test
	void clickChooseKeepRefineClear() throws Exception {
		Path shots = LiveFixture.screenshotDir();
		Robot robot = new Robot();
		robot.setAutoDelay(20);
		LiveFixture.emptyRoiManager();
		RoiManager rm = LiveFixture.edt(RoiManager::getRoiManager);
		ImagePlus imp = LiveFixture.showIhc(LiveFixture.MARGIN, LiveFixture.MARGIN);
		ImageWindow iw = imp.getWindow();
		LiveFixture.edt(() -> {
			rm.setLocation(LiveFixture.MARGIN + iw.getWidth() + 16, LiveFixture.MARGIN);
			rm.setSize(Math.max(rm.getWidth(), 370), iw.getHeight());
			iw.toFront();
			IJ.setTool(Toolbar.RECTANGLE); // live mode works with the rectangle tool too; the test uses the point tool
			return null;
		});
		assertEquals(1.0, imp.getCanvas().getMagnification(), "100% zoom");

		// On, through the menu entry plugins.config installs (no dialog: the command asks nothing).
		IJ.run(imp, LiveFixture.COMMAND, "");
		LiveSession live = LiveMode.of(imp);
		assertNotNull(live, "live mode is on for the image");
		LiveFixture.Recording probe = LiveFixture.record(live);
		IJ.setTool(Toolbar.POINT);
		LiveFixture.waitFor("the embedding", live::isReady);

		// Click at (300, 350): the mouse release alone shows SAM's three masks.
		LiveFixture.click(robot, imp, 300, 350, 0);
		LiveFixture.waitFor("the preview", () -> live.preview() != null);
		LiveFixture.idle();
		Prediction first = LiveFixture.edt(live::preview);
		assertEquals(MaskMode.MULTI, first.mode(), "one click alone: the three ambiguity masks");
		assertEquals(1, first.prompt().points().size());
		assertEquals(300, first.prompt().points().get(0).x, 1e-9, "ImageJ put the click at x = 300");
		assertEquals(350, first.prompt().points().get(0).y, 1e-9, "and y = 350");
		List<Roi> masks = LiveFixture.edt(() -> LivePreview.masks(imp.getOverlay()));
		assertEquals(3, masks.size(), "three mask ROIs in the overlay");
		for (Roi r : masks) {
			int rank = Integer.parseInt(r.getProperty("sam_rank"));
			assertEquals(RankColors.of(rank), r.getStrokeColor(), "mask " + rank + " in its rank colour");
			assertTrue(r.getName().startsWith("SAM " + rank + "/3 "), r.getName());
		}
		Roi best = masks.get(masks.size() - 1);
		assertEquals("1", best.getProperty("sam_rank"), "the chosen mask is drawn last (on top) and starts as the best");
		assertNotNull(best.getFillColor(), "the chosen mask is filled");
		assertEquals(LivePreview.CHOSEN_WIDTH, best.getStrokeWidth(), 1e-6, "and outlined thicker");
		assertEquals(LivePreview.OTHER_WIDTH, masks.get(0).getStrokeWidth(), 1e-6);
		List<String> labels = labels(imp);
		assertEquals(3, labels.size(), "one label per mask: " + labels);
		for (Mask m : first.masks())
			assertTrue(labels.contains(String.format(java.util.Locale.ROOT, "#%d %s IoU %.2f", m.rank(), m.scale(), m.iou())),
				"label of mask " + m.rank() + " in " + labels);
		save(ScreenPixels.stable(robot, iw.getBounds(), 10_000), shots.resolve("live-preview.png"));
		BufferedImage screen = robot.createScreenCapture(LiveFixture.canvasOnScreen(imp));
		for (int r = 1; r <= 3; r++) {
			long n = ScreenPixels.countNear(screen, RankColors.of(r));
			assertTrue(n > 50, "rank-" + r + " colour on screen: " + n + " pixels");
		}

		// Keys: Tab cycles, 1 2 3 pick; the chosen mask is the one filled.
		LiveFixture.key(robot, KeyEvent.VK_TAB);
		LiveFixture.waitFor("Tab to choose mask 2", () -> live.chosen() == 1, 10_000);
		LiveFixture.key(robot, KeyEvent.VK_3);
		LiveFixture.waitFor("3 to choose mask 3", () -> live.chosen() == 2, 10_000);
		LiveFixture.shiftKey(robot, KeyEvent.VK_TAB);
		LiveFixture.waitFor("shift-Tab back to mask 2", () -> live.chosen() == 1, 10_000);
		LiveFixture.key(robot, KeyEvent.VK_1);
		LiveFixture.waitFor("1 to choose mask 1", () -> live.chosen() == 0, 10_000);
		LiveFixture.key(robot, KeyEvent.VK_2);
		LiveFixture.waitFor("2 to choose mask 2", () -> live.chosen() == 1, 10_000);
		Roi filled = LiveFixture.edt(() -> {
			for (Roi r : LivePreview.masks(imp.getOverlay())) if (r.getFillColor() != null) return r;
			return null;
		});
		assertEquals("2", filled.getProperty("sam_rank"), "mask 2 is now the filled one");
		assertTrue(imp.getWindow() != null && imp.getWindow().isShowing(), "Tab did not send the window behind");

		// Enter keeps it: one ROI in the ROI Manager, named and placed as Segment Anything... does.
		SamRois.MaskRoi subpart = LiveFixture.edt(() -> live.previewRois().get(1));
		LiveFixture.key(robot, KeyEvent.VK_ENTER);
		LiveFixture.waitFor("the kept mask in the ROI Manager", () -> rm.getCount() == 1, 10_000);
		Roi kept = rm.getRoi(0);
		assertEquals(subpart.roi.getName(), kept.getName());
		Mask second = subpart.mask;
		assertEquals(String.format(java.util.Locale.ROOT, "SAM 2/3 %s IoU=%.2f S=%.2f", second.scale(), second.iou(),
			second.stability()), kept.getName(), "named by its rank, scale and scores");
		assertEquals("2", kept.getProperty("sam_rank"));
		assertEquals(Long.toString(subpart.mask.area()), kept.getProperty("sam_area"));
		assertEquals(subpart.roi.getBounds(), kept.getBounds(), "the kept ROI is the chosen mask");
		assertEquals(RankColors.of(2), kept.getStrokeColor());
		assertEquals(pixels(subpart.roi, imp), pixels(kept, imp), "same pixels");
		LiveFixture.key(robot, KeyEvent.VK_ENTER);
		LiveFixture.idle();
		assertEquals(1, rm.getCount(), "keeping the same mask twice adds it once");
		assertTrue(labels(imp).stream().anyMatch(s -> s.contains("kept")), "its label says it is kept: " + labels(imp));
		LiveFixture.edt(() -> {
			rm.toFront();
			iw.toFront();
			return null;
		});
		LiveFixture.idle();
		save(sideBySide(ScreenPixels.stable(robot, iw.getBounds(), 10_000), ScreenPixels.stable(robot, rm.getBounds(), 10_000)),
			shots.resolve("live-keep.png"));

		// Refine: choose the whole (the largest of the three masks), then alt-click the stroma at
		// (150, 300), which it covers: SAM drops it and keeps the gland under the first click. One
		// mask, refined from the chosen mask's logits.
		LiveFixture.click(robot, imp, 300, 350, 0); // the window got the focus back; the same click changes nothing
		int wholeRank = LiveFixture.edt(() -> {
			for (SamRois.MaskRoi m : live.previewRois()) if (m.mask.scale() == Scale.WHOLE) return m.mask.rank();
			return -1;
		});
		LiveFixture.key(robot, KeyEvent.VK_0 + wholeRank);
		LiveFixture.waitFor("the whole chosen", () -> live.chosen() == wholeRank - 1, 10_000);
		Mask whole = LiveFixture.edt(() -> live.previewRois().get(wholeRank - 1).mask);
		assertTrue(whole.contains(150, 300) && whole.contains(300, 350), "the whole covers the stroma and the gland: " + whole);
		LiveFixture.click(robot, imp, 150, 300, KeyEvent.VK_ALT);
		LiveFixture.waitFor("the refined preview", () -> live.preview() != null && live.preview() != first, 60_000);
		LiveFixture.idle();
		Prediction refined = LiveFixture.edt(live::preview);
		assertEquals(MaskMode.SINGLE, refined.mode());
		assertTrue(refined.prompt().hasMaskInput(), "refined from the chosen mask's low-res logits");
		assertEquals(Arrays.asList("(300, 350)", "(150, 300) background"), points(refined.prompt()));
		Mask gland = refined.best();
		assertEquals(1, LiveFixture.edt(() -> LivePreview.masks(imp.getOverlay())).size(), "one mask now");
		assertTrue(gland.area() < whole.area(), "the background click took tissue away: " + gland);
		assertFalse(inside(gland, 150, 300), "the background click lies outside the refined mask");
		assertTrue(inside(gland, 300, 350), "the first click still inside");
		assertEquals("(300, 350)", LiveFixture.edt(() -> selection(imp)),
			"the selection is the first click again, not a multi-point selection (with which the point tool's next "
			+ "click would open ImageJ's dialog)");
		save(ScreenPixels.stable(robot, iw.getBounds(), 10_000), shots.resolve("live-refine.png"));

		// Shift-click a foreground point on the gland's lower edge: the mask changes again, and the new point is inside.
		LiveFixture.click(robot, imp, 320, 420, KeyEvent.VK_SHIFT);
		LiveFixture.waitFor("the second refinement", () -> live.preview() != refined, 60_000);
		LiveFixture.idle();
		Prediction again = LiveFixture.edt(live::preview);
		assertEquals(Arrays.asList("(300, 350)", "(150, 300) background", "(320, 420)"), points(again.prompt()));
		assertTrue(again.prompt().hasMaskInput());
		assertTrue(inside(again.best(), 320, 420), "the shift-click is inside the refined mask");
		assertTrue(differing(gland, again.best()) > 0, "the shift-click changed the mask's pixels");

		// k keeps the refined mask too.
		LiveFixture.key(robot, KeyEvent.VK_K);
		LiveFixture.waitFor("the refined mask kept", () -> rm.getCount() == 2, 10_000);
		assertTrue(rm.getRoi(1).getName().startsWith("SAM 1/1 single IoU="), rm.getRoi(1).getName());

		// Escape clears the preview and the clicks.
		LiveFixture.key(robot, KeyEvent.VK_ESCAPE);
		LiveFixture.waitFor("the preview cleared", () -> live.preview() == null, 10_000);
		assertTrue(LiveFixture.edt(() -> imp.getOverlay() == null || imp.getOverlay().size() == 0), "no preview left");
		assertNull(LiveFixture.edt(imp::getRoi), "no click left");
		assertEquals(2, rm.getCount(), "clearing keeps what was kept");

		// Off again through the same command: listeners gone, worker ended.
		IJ.run(imp, LiveFixture.COMMAND, "");
		assertNull(LiveMode.of(imp), "live mode is off");
		assertTrue(live.awaitWorker(30_000), "the worker thread ended");
		LiveModeSafetyTest.assertNoLiveListener(imp);
		int submitted = probe.submitted.size();
		LiveFixture.click(robot, imp, 200, 200, 0);
		LiveFixture.idle(); // the click's events, and what they would have queued, have been handled
		assertEquals(submitted, probe.submitted.size(), "the click was not taken for a prompt");
		assertTrue(LiveFixture.edt(() -> imp.getOverlay() == null || imp.getOverlay().size() == 0), "clicks do nothing now");
		assertTrue(LiveFixture.UNCAUGHT.isEmpty(), "no exception: " + LiveFixture.UNCAUGHT);
		assertTrue(probe.unexpected.isEmpty(), "no unexpected error: " + probe.unexpected);
	}

	private static List<String> labels(ImagePlus imp) throws Exception {
		return LiveFixture.edt(() -> {
			List<String> out = new java.util.ArrayList<>();
			if (imp.getOverlay() != null)
				for (Roi r : imp.getOverlay().toArray())
					if (r instanceof TextRoi && LivePreview.LABEL.equals(r.getProperty(LivePreview.TAG)))
						out.add(((TextRoi) r).getText().trim());
			return out;
		});
	}

	/** The selection's points, as a prompt prints them. */
	static String selection(ImagePlus imp) {
		Roi roi = imp.getRoi();
		if (roi == null) return "none";
		return String.join(" ", points(io.github.samij.ij.convert.PromptInput.from(java.util.Collections.singletonList(roi),
			imp.getWidth(), imp.getHeight())));
	}

	static List<String> points(Prompt p) {
		List<String> out = new java.util.ArrayList<>();
		for (Prompt.Point q : p.points()) out.add(q.toString());
		return out;
	}

	private static boolean inside(Mask m, int x, int y) {
		return m.pixels()[y * m.width() + x] != 0;
	}

	private static long differing(Mask a, Mask b) {
		long n = 0;
		for (int i = 0; i < a.pixels().length; i++) if ((a.pixels()[i] != 0) != (b.pixels()[i] != 0)) n++;
		return n;
	}

	/** The ROI's pixels as a string of row runs, to compare two ROIs' masks. */
	private static String pixels(Roi roi, ImagePlus imp) {
		byte[] out = new byte[imp.getWidth() * imp.getHeight()];
		Rectangle b = roi.getBounds();
		ij.process.ImageProcessor mask = roi.getMask();
		for (int y = 0; y < b.height; y++)
			for (int x = 0; x < b.width; x++)
				if (mask == null || mask.get(x, y) != 0) out[(b.y + y) * imp.getWidth() + b.x + x] = 1;
		return Arrays.toString(digest(out));
	}

	private static byte[] digest(byte[] data) {
		try {
			return java.security.MessageDigest.getInstance("SHA-256").digest(data);
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new AssertionError(e);
		}
	}

	private static void save(BufferedImage shot, Path png) throws Exception {
		assertTrue(ImageIO.write(shot, "png", png.toFile()), "PNG writer");
		assertTrue(Files.size(png) > 1000, png + " written");
		System.out.println("LiveModeGuiTest: wrote " + png.toAbsolutePath());
	}

	private static BufferedImage sideBySide(BufferedImage left, BufferedImage right) {
		int m = LiveFixture.MARGIN;
		int w = m + left.getWidth() + m + right.getWidth() + m, h = m + Math.max(left.getHeight(), right.getHeight()) + m;
		BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		g.setColor(BACKGROUND);
		g.fillRect(0, 0, w, h);
		g.drawImage(left, m, m, null);
		g.drawImage(right, m + left.getWidth() + m, m, null);
		g.setColor(FRAME);
		g.drawRect(m - 1, m - 1, left.getWidth() + 1, left.getHeight() + 1);
		g.drawRect(2 * m + left.getWidth() - 1, m - 1, right.getWidth() + 1, right.getHeight() + 1);
		g.dispose();
		return out;
	}
}
