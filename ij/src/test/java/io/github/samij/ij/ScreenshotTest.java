package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.ImageWindow;
import ij.gui.Overlay;
import ij.gui.PointRoi;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;

import io.github.samij.ij.convert.RankColors;
import io.github.samij.ij.output.SamResults;

import java.awt.Color;
import java.awt.EventQueue;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's "click, run, choose" screenshot, taken from real windows: ihc.png with a click at
 * (300, 350) and the three ranked outlines in the overlay, next to the ROI Manager listing them;
 * plus the {@value SamResults#TITLE} table. Written to {@code target/screenshots/}. Needs a display
 * (Xvfb); checks that the overlay really is drawn in the rank colours on screen.
 */
@ExtendWith(ImageJFixture.class)
class ScreenshotTest {

	private static final Path DIR = Paths.get("target", "screenshots");
	/** Room around the windows in the composed picture. */
	private static final int MARGIN = 16, GAP = 16;
	private static final Color BACKGROUND = new Color(0xF4F4F4), FRAME = new Color(0xB0B0B0);
	/** How long the window system may take to place and paint the windows. */
	private static final long SETTLE_MS = 10_000;

	@Test
	void clickRunChoose() throws Exception {
		Files.createDirectories(DIR);
		RoiManager rm = ImageJFixture.emptyManager();
		ResultsTable table = SamResults.table();
		table.reset(); // only this run's rows in the table picture

		ImagePlus imp = IJ.openImage(ImageJFixture.ihc());
		assertNotNull(imp, "ihc.png opens");
		imp.show();
		ImageJFixture.waitFor("the image window", 30_000, () -> imp.getWindow() != null && imp.getWindow().isShowing());
		ImageWindow iw = imp.getWindow();
		assertEquals(1.0, iw.getCanvas().getMagnification(), "100% zoom, so canvas pixels are image pixels");
		EventQueue.invokeAndWait(() -> {
			iw.setLocation(MARGIN, MARGIN);
			rm.setLocation(MARGIN + iw.getWidth() + GAP, MARGIN);
			rm.setSize(Math.max(rm.getWidth(), 370), iw.getHeight()); // room for the full ROI names
			rm.toFront();
			iw.toFront();
		});
		imp.setRoi(new PointRoi(300, 350));
		Robot robot = new Robot();
		Rectangle canvas = canvasOnScreen(iw);
		long yellowBefore = ScreenPixels.countNear(ScreenPixels.stable(robot, canvas, SETTLE_MS), RankColors.of(1));

		String count = ImageJFixture.macro("selectImage(" + imp.getID() + ");\n"
			+ "makePoint(300, 350);\n"
			+ "run('" + ImageJFixture.COMMAND + "', 'mode=multi output=both min_iou=0 min_stability=0 keep=[all masks] "
			+ "components=all model=[]');\n"
			+ "return '' + roiManager('count');");
		assertEquals("3", count, "three ranked masks in the ROI Manager");
		Overlay overlay = imp.getOverlay();
		assertNotNull(overlay, "output=both also draws the overlay");
		assertEquals(3, overlay.size());
		for (int r = 1; r <= 3; r++) {
			assertTrue(rm.getRoi(r - 1).getName().startsWith("SAM " + r + "/3 "), rm.getRoi(r - 1).getName());
			assertEquals(RankColors.of(r), overlay.get(r - 1).getStrokeColor(), "overlay ROI " + r + " in its rank colour");
		}

		// The run opened the table window over the others: it goes below them, out of the picture.
		Window tableWindow = WindowManager.getWindow(SamResults.TITLE);
		assertNotNull(tableWindow, "the " + SamResults.TITLE + " window is open");
		EventQueue.invokeAndWait(() -> {
			tableWindow.setBounds(MARGIN, MARGIN + iw.getHeight() + 2 * GAP, 940, 140);
			rm.deselect();
			rm.toFront();
			iw.toFront();
		});
		imp.updateAndDraw();

		BufferedImage imageShot = ScreenPixels.stable(robot, iw.getBounds(), SETTLE_MS);
		BufferedImage managerShot = ScreenPixels.stable(robot, rm.getBounds(), SETTLE_MS);
		long yellowAfter = ScreenPixels.countNear(robot.createScreenCapture(canvasOnScreen(iw)), RankColors.of(1));
		assertTrue(yellowAfter > yellowBefore + 200,
			"the rank-1 outline (#F0E442) is on screen: " + yellowBefore + " such pixels before, " + yellowAfter + " after");
		for (int r = 2; r <= 3; r++) {
			long n = ScreenPixels.countNear(robot.createScreenCapture(canvasOnScreen(iw)), RankColors.of(r));
			assertTrue(n > 50, "rank-" + r + " outline drawn (" + n + " pixels)");
		}

		BufferedImage composed = sideBySide(imageShot, managerShot);
		Path png = DIR.resolve("click-run-choose.png");
		assertTrue(ImageIO.write(composed, "png", png.toFile()), "PNG writer");
		BufferedImage back = ImageIO.read(png.toFile());
		assertNotNull(back, png + " reads back");
		assertTrue(back.getWidth() >= 512 + 200 && back.getHeight() >= 512, "size " + back.getWidth() + "x" + back.getHeight());
		// The image window's part of the saved picture holds the overlay too.
		Rectangle inPicture = new Rectangle(canvas.x - iw.getX() + MARGIN, canvas.y - iw.getY() + MARGIN, canvas.width,
			canvas.height);
		assertTrue(ScreenPixels.countNear(back.getSubimage(inPicture.x, inPicture.y, inPicture.width, inPicture.height),
			RankColors.of(1)) > 200, "rank-1 colour in the saved picture's image window");

		// The results table, one row per ROI.
		assertEquals(3, SamResults.table().size(), "one row per ROI");
		EventQueue.invokeAndWait(tableWindow::toFront);
		BufferedImage tableShot = ScreenPixels.stable(robot, tableWindow.getBounds(), SETTLE_MS);
		Path tablePng = DIR.resolve("results-table.png");
		assertTrue(ImageIO.write(framed(tableShot), "png", tablePng.toFile()));
		assertTrue(Files.size(tablePng) > 1000, tablePng + " written");
		System.out.println("ScreenshotTest: wrote " + png.toAbsolutePath() + " and " + tablePng.toAbsolutePath()
			+ " (rank-1 colour pixels on the canvas: " + yellowBefore + " before the run, " + yellowAfter + " after)");
	}

	/** The image canvas's area on screen. */
	private static Rectangle canvasOnScreen(ImageWindow iw) throws Exception {
		Rectangle[] r = new Rectangle[1];
		EventQueue.invokeAndWait(() -> r[0] = new Rectangle(iw.getCanvas().getLocationOnScreen(), iw.getCanvas().getSize()));
		return r[0];
	}

	/** Both captures on a light background, top-aligned, each with a thin frame. */
	private static BufferedImage sideBySide(BufferedImage left, BufferedImage right) {
		int w = MARGIN + left.getWidth() + GAP + right.getWidth() + MARGIN;
		int h = MARGIN + Math.max(left.getHeight(), right.getHeight()) + MARGIN;
		BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		g.setColor(BACKGROUND);
		g.fillRect(0, 0, w, h);
		draw(g, left, MARGIN, MARGIN);
		draw(g, right, MARGIN + left.getWidth() + GAP, MARGIN);
		g.dispose();
		return out;
	}

	private static BufferedImage framed(BufferedImage shot) {
		BufferedImage out = new BufferedImage(shot.getWidth() + 2 * MARGIN, shot.getHeight() + 2 * MARGIN,
			BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		g.setColor(BACKGROUND);
		g.fillRect(0, 0, out.getWidth(), out.getHeight());
		draw(g, shot, MARGIN, MARGIN);
		g.dispose();
		return out;
	}

	private static void draw(Graphics2D g, BufferedImage shot, int x, int y) {
		g.drawImage(shot, x, y, null);
		g.setColor(FRAME);
		g.drawRect(x - 1, y - 1, shot.getWidth() + 1, shot.getHeight() + 1);
	}
}
