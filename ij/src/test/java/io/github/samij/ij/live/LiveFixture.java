package io.github.samij.ij.live;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.Menus;
import ij.WindowManager;
import ij.gui.ImageCanvas;
import ij.gui.ImageWindow;
import ij.plugin.frame.RoiManager;

import io.github.samij.core.TestModel;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.prompt.Prompt;
import io.github.samij.ij.Models;
import io.github.samij.ij.Plane;

import java.awt.EventQueue;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the live-mode tests share: a real ImageJ (needs a display, e.g. Xvfb) with plugins.config's
 * commands registered as ImageJ does for the plugin jar, the real default model, images shown in
 * windows, the event dispatch thread, Robot clicks at image coordinates, and a record of every
 * uncaught exception (ImageJ's own handler only logs them).
 */
final class LiveFixture {

	static final String COMMAND = "Live Segment Anything";
	static final Path SCREENSHOTS = Paths.get("target", "screenshots");
	static final int MARGIN = 16;

	/** Uncaught exceptions on any thread (the event dispatch thread included) since {@link #start}. */
	static final List<Throwable> UNCAUGHT = Collections.synchronizedList(new ArrayList<>());

	private LiveFixture() { }

	static synchronized void start() {
		// Live mode is for windows: without a display these tests cannot run, and must say so, not pass.
		assertFalse(java.awt.GraphicsEnvironment.isHeadless(), "live mode needs a display: run the tests under Xvfb "
			+ "(bin/test starts one)");
		if (IJ.getInstance() == null) new ImageJ(ImageJ.NO_SHOW);
		registerPluginsConfig();
		TestModel.directory();
		Models.get(""); // loaded once, before anything is timed or raced
		Thread.UncaughtExceptionHandler imagej = Thread.getDefaultUncaughtExceptionHandler();
		if (!(imagej instanceof Recorder)) Thread.setDefaultUncaughtExceptionHandler(new Recorder(imagej));
	}

	/**
	 * A probe that records what a live session did: the prompts it sent, the results it showed (and
	 * on which plane), failures that were bugs; and runs {@link #onDecoding} on the worker before each
	 * decode (tests hold the worker there).
	 */
	static final class Recording implements LiveProbe {
		final List<Prompt> submitted = Collections.synchronizedList(new ArrayList<>());
		final List<Prediction> shown = Collections.synchronizedList(new ArrayList<>());
		final List<Plane> shownPlanes = Collections.synchronizedList(new ArrayList<>());
		final List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
		volatile Consumer<Prompt> onDecoding = p -> { };

		@Override
		public void submitted(Prompt prompt, Plane plane) {
			submitted.add(prompt);
		}

		@Override
		public void decoding(Prompt prompt) {
			onDecoding.accept(prompt);
		}

		@Override
		public void shown(Prediction prediction, Plane plane) {
			shown.add(prediction);
			shownPlanes.add(plane);
		}

		@Override
		public void unexpected(Throwable failure) {
			unexpected.add(failure);
		}
	}

	/** A recording probe set on {@code live}. */
	static Recording record(LiveSession live) {
		Recording r = new Recording();
		live.setProbe(r);
		return r;
	}

	/** Live worker threads alive now (their names start with "sam-ij-live-"). */
	static long workers() {
		return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("sam-ij-live-"))
			.count();
	}

	/** Records, then hands over to ImageJ's handler (which logs). */
	private static final class Recorder implements Thread.UncaughtExceptionHandler {
		private final Thread.UncaughtExceptionHandler next;

		Recorder(Thread.UncaughtExceptionHandler next) {
			this.next = next;
		}

		@Override
		public void uncaughtException(Thread t, Throwable e) {
			UNCAUGHT.add(e);
			if (next != null) next.uncaughtException(t, e);
			else e.printStackTrace();
		}
	}

	private static void registerPluginsConfig() {
		try (java.io.InputStream in = LiveFixture.class.getResourceAsStream("/plugins.config")) {
			String config = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			Matcher m = Pattern.compile("^[^#].*?, \"(.+?)\", (.+)$", Pattern.MULTILINE).matcher(config);
			while (m.find()) Menus.getCommands().put(m.group(1), m.group(2).trim());
		}
		catch (java.io.IOException | NullPointerException e) {
			throw new AssertionError("plugins.config must be on the classpath", e);
		}
		if (Menus.getCommands().get(COMMAND) == null) throw new AssertionError("plugins.config lacks " + COMMAND);
	}

	static Path repositoryFile(String relative) {
		return TestModel.repositoryFile(relative);
	}

	/** sample-data/ihc.png shown in a window at (x, y), in front, at 100 % zoom. */
	static ImagePlus showIhc(int x, int y) throws Exception {
		ImagePlus imp = IJ.openImage(repositoryFile("sample-data/ihc.png").toString());
		return show(imp, x, y);
	}

	static ImagePlus show(ImagePlus imp, int x, int y) throws Exception {
		edt(() -> {
			imp.show();
			return null;
		});
		waitFor("the window of " + imp.getTitle(), () -> imp.getWindow() != null && imp.getWindow().isShowing());
		edt(() -> {
			ImageWindow w = imp.getWindow();
			w.setLocation(x, y);
			w.toFront();
			WindowManager.setCurrentWindow(w);
			return null;
		});
		idle();
		return imp;
	}

	/** Runs on the event dispatch thread and returns the result. */
	static <T> T edt(Callable<T> task) throws Exception {
		AtomicReference<T> out = new AtomicReference<>();
		AtomicReference<Exception> failure = new AtomicReference<>();
		EventQueue.invokeAndWait(() -> {
			try {
				out.set(task.call());
			}
			catch (Exception e) {
				failure.set(e);
			}
		});
		if (failure.get() != null) throw failure.get();
		return out.get();
	}

	/** Lets pending events (including those they post) run. */
	static void idle() throws Exception {
		for (int i = 0; i < 3; i++) EventQueue.invokeAndWait(() -> { });
		new Robot().waitForIdle();
	}

	static void waitFor(String what, BooleanSupplier condition) throws Exception {
		waitFor(what, condition, 120_000);
	}

	/** Polls {@code condition} on the event dispatch thread. */
	static void waitFor(String what, BooleanSupplier condition, long millis) throws Exception {
		long end = System.currentTimeMillis() + millis;
		while (!edt(condition::getAsBoolean)) {
			if (System.currentTimeMillis() > end) fail("timed out after " + millis / 1000 + " s waiting for " + what);
			Thread.sleep(20);
		}
	}

	/** The screen position of image pixel (x, y)'s top-left corner: the canvas's origin plus screenX/Y. */
	static Point onScreen(ImagePlus imp, int x, int y) throws Exception {
		return edt(() -> {
			ImageCanvas c = imp.getCanvas();
			Point origin = c.getLocationOnScreen();
			return new Point(origin.x + c.screenX(x), origin.y + c.screenY(y));
		});
	}

	/** A left click at image pixel (x, y), with shift or alt held if asked. */
	static void click(Robot robot, ImagePlus imp, int x, int y, int modifierKey) throws Exception {
		// The canvas reports where it sees the mouse: move until that is (x, y). Without a window
		// manager the window's reported screen position can lag behind where it is drawn, so the
		// offset the canvas sees is corrected on the next try.
		int dx = 0, dy = 0;
		Point before = null;
		for (int tries = 0; ; tries++) {
			// Other windows (Log, ROI Manager, tables) can lie over the image and take the mouse:
			// raise the image's window first.
			edt(() -> {
				imp.getWindow().toFront();
				return null;
			});
			if (tries > 0) Thread.sleep(100);
			Point p = onScreen(imp, x, y);
			p.translate(dx, dy);
			robot.mouseMove(p.x + 1, p.y + 1); // a move the canvas sees, even if the mouse was there already
			robot.mouseMove(p.x, p.y);
			robot.waitForIdle();
			idle();
			Point seen = edt(() -> imp.getCanvas().getCursorLoc());
			if (seen.x == x && seen.y == y) {
				if (tries > 0) System.out.println("LiveFixture: the mouse reached (" + x + ", " + y + ") after " + tries + " retries");
				break;
			}
			if (tries == 20) fail("the mouse at (" + p.x + ", " + p.y + ") is over image pixel " + seen + ", not (" + x + ", "
				+ y + ")");
			if (seen.equals(before)) {
				dx = 0; // the canvas did not see the move (another window took it): no offset to learn
				dy = 0;
			}
			else {
				double zoom = edt(() -> imp.getCanvas().getMagnification());
				dx += (int) Math.round((x - seen.x) * zoom);
				dy += (int) Math.round((y - seen.y) * zoom);
			}
			before = seen;
		}
		if (modifierKey != 0) robot.keyPress(modifierKey);
		robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
		robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
		if (modifierKey != 0) robot.keyRelease(modifierKey);
		robot.waitForIdle();
	}

	static void key(Robot robot, int keyCode) {
		robot.keyPress(keyCode);
		robot.keyRelease(keyCode);
		robot.waitForIdle();
	}

	static void shiftKey(Robot robot, int keyCode) {
		robot.keyPress(KeyEvent.VK_SHIFT);
		key(robot, keyCode);
		robot.keyRelease(KeyEvent.VK_SHIFT);
		robot.waitForIdle();
	}

	static Rectangle canvasOnScreen(ImagePlus imp) throws Exception {
		return edt(() -> new Rectangle(imp.getCanvas().getLocationOnScreen(), imp.getCanvas().getSize()));
	}

	static void emptyRoiManager() throws Exception {
		edt(() -> {
			RoiManager rm = RoiManager.getInstance();
			if (rm != null) rm.reset();
			return null;
		});
	}

	/** Turns every live mode off and closes every image. */
	static void closeAll() throws Exception {
		edt(() -> {
			for (int id : WindowManager.getIDList() == null ? new int[0] : WindowManager.getIDList()) {
				ImagePlus imp = WindowManager.getImage(id);
				if (imp == null) continue;
				LiveMode.stop(imp);
				imp.changes = false;
				imp.close();
			}
			return null;
		});
		idle();
	}

	static Path screenshotDir() throws java.io.IOException {
		return Files.createDirectories(SCREENSHOTS);
	}
}
