package io.github.samij.ij.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.PointRoi;

import io.github.samij.core.mask.Prediction;
import io.github.samij.core.prompt.MaskMode;

import java.awt.Dialog;
import java.awt.Point;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live mode with each of ImageJ's stock tools, driven by java.awt.Robot: the point tool (a plain
 * click starts the next object even after a refinement, without ImageJ's "Point Selection"
 * dialog), the multi-point tool (a plain click starts the next object; with the background counter
 * it marks background), and the rectangle tool (a box prompt on mouse release).
 */
class LiveModeToolsTest {

	private Robot robot;
	private ImagePlus imp;
	private LiveSession live;
	private LiveFixture.Recording probe;

	@BeforeAll
	static void imageJ() {
		LiveFixture.start();
	}

	@BeforeEach
	void open() throws Exception {
		robot = new Robot();
		robot.setAutoDelay(20);
		LiveFixture.UNCAUGHT.clear();
		imp = LiveFixture.showIhc(LiveFixture.MARGIN, LiveFixture.MARGIN);
		live = LiveMode.start(imp);
		probe = LiveFixture.record(live);
		LiveFixture.waitFor("the embedding", live::isReady);
	}

	@AfterEach
	void close() throws Exception {
		PointRoi.setDefaultCounter(0);
		IJ.setTool("multipoint");
		LiveFixture.closeAll();
		assertTrue(LiveFixture.UNCAUGHT.isEmpty(), "no exception escaped: " + LiveFixture.UNCAUGHT);
		assertTrue(probe.unexpected.isEmpty(), "no unexpected error: " + probe.unexpected);
	}

	@Test
	void pointTool() throws Exception {
		IJ.setTool("point");
		Prediction first = clickAndWait(300, 350, 0, null);
		assertEquals("(300, 350)", first.prompt().toString());
		Prediction refined = clickAndWait(320, 420, KeyEvent.VK_SHIFT, first);
		assertEquals("(300, 350) (320, 420) refining a mask", refined.prompt().toString());
		assertEquals(MaskMode.SINGLE, refined.mode());
		assertEquals("(300, 350)", LiveFixture.edt(() -> LiveModeGuiTest.selection(imp)), "the selection is the first click");
		Prediction next = clickAndWait(100, 450, 0, refined);
		assertEquals("(100, 450)", next.prompt().toString(), "a plain click starts the next object");
		assertEquals(MaskMode.MULTI, next.mode());
		assertFalse(dialogShowing("Point Selection"), "no ImageJ dialog about multi-point selections");
	}

	@Test
	void multiPointTool() throws Exception {
		IJ.setTool("multipoint");
		Prediction first = clickAndWait(300, 350, 0, null);
		Prediction next = clickAndWait(100, 450, 0, first);
		assertEquals("(100, 450)", next.prompt().toString(), "a plain click starts the next object");
		assertEquals("(100, 450)", LiveFixture.edt(() -> LiveModeGuiTest.selection(imp)), "one point selected, not two");
		LiveFixture.key(robot, KeyEvent.VK_1);
		LiveFixture.edt(() -> { // as choosing counter 1 in the point tool's options does
			PointRoi.setDefaultCounter(io.github.samij.ij.convert.PromptInput.BACKGROUND_COUNTER);
			((PointRoi) imp.getRoi()).setCounter(io.github.samij.ij.convert.PromptInput.BACKGROUND_COUNTER);
			return null;
		});
		Prediction background = clickAndWait(150, 300, 0, next);
		assertEquals("(100, 450) (150, 300) background refining a mask", background.prompt().toString(),
			"a click with the background counter marks background");
		assertEquals("(100, 450)", LiveFixture.edt(() -> LiveModeGuiTest.selection(imp)));
	}

	@Test
	void rectangleTool() throws Exception {
		IJ.setTool("rectangle");
		Point from = LiveFixture.onScreen(imp, 245, 300), to = LiveFixture.onScreen(imp, 390, 512 - 2);
		robot.mouseMove(from.x, from.y);
		robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
		for (int i = 1; i <= 10; i++)
			robot.mouseMove(from.x + (to.x - from.x) * i / 10, from.y + (to.y - from.y) * i / 10);
		robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
		robot.waitForIdle();
		LiveFixture.waitFor("the box's preview", () -> live.preview() != null);
		Prediction p = LiveFixture.edt(live::preview);
		assertNotNull(p.prompt().box(), "a box prompt: " + p.prompt());
		assertEquals("box (245, 300)-(390, 510)", p.prompt().toString());
		assertEquals(MaskMode.SINGLE, p.mode());
		assertTrue(p.best().contains(300, 350), "the gland in the box is segmented");
		int[] b = p.best().bbox();
		assertTrue(b[0] >= 245 - 4 && b[1] >= 300 - 4 && b[0] + b[2] <= 390 + 4 && b[1] + b[3] <= 510 + 4,
			"and nothing outside the box: " + java.util.Arrays.toString(b));

		// A background click with the point tool refines the box.
		IJ.setTool("point");
		Prediction refined = clickAndWait(320, 480, KeyEvent.VK_ALT, p);
		assertEquals(Arrays.asList("(320, 480) background"), LiveModeGuiTest.points(refined.prompt()));
		assertNotNull(refined.prompt().box(), "the box stays");
		assertTrue(LiveFixture.edt(() -> imp.getRoi() != null && imp.getRoi().getType() == ij.gui.Roi.RECTANGLE),
			"the rectangle stays selected");
	}

	private Prediction clickAndWait(int x, int y, int modifier, Prediction before) throws Exception {
		LiveFixture.click(robot, imp, x, y, modifier);
		LiveFixture.waitFor("the preview after a click at (" + x + ", " + y + ")",
			() -> live.preview() != null && live.preview() != before, 60_000);
		LiveFixture.idle();
		return LiveFixture.edt(live::preview);
	}

	private static boolean dialogShowing(String title) throws Exception {
		return LiveFixture.edt(() -> {
			for (Window w : Window.getWindows())
				if (w instanceof Dialog && w.isShowing() && title.equals(((Dialog) w).getTitle())) return true;
			return false;
		});
	}
}
