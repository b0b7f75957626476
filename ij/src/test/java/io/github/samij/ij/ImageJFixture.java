package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.fail;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.Menus;
import ij.WindowManager;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;

import io.github.samij.core.TestModel;
import io.github.samij.ij.command.Ij1Command;
import io.github.samij.ij.command.SegmentCommand;

import java.awt.Dialog;
import java.awt.Frame;
import java.awt.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real ImageJ 1 instance (hidden main window; needs a display, e.g. Xvfb) with this plugin's
 * menu command registered as plugins.config would, so macros can {@code run("Segment Anything...")}.
 * <p>
 * A test class takes it with {@code @ExtendWith(ImageJFixture.class)}: ImageJ is started before its
 * first test, and the images each test shows are closed after it (after the class's own
 * {@code @AfterEach} methods), so the next test starts from no open image.
 */
final class ImageJFixture implements BeforeAllCallback, AfterEachCallback {

	static final String COMMAND = "Segment Anything...";
	/** What plugins.config puts behind the menu label. */
	static final String MENU_ENTRY = Ij1Command.class.getName() + "(\"" + SegmentCommand.class.getName() + "\")";

	private ImageJFixture() { }

	@Override
	public void beforeAll(ExtensionContext context) {
		start();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		closeAll();
	}

	static synchronized void start() {
		if (IJ.getInstance() == null) new ImageJ(ImageJ.NO_SHOW);
		registerPluginsConfig();
		TestModel.directory(); // fetched before any timing-sensitive step
	}

	/** Installs every menu command of the jar's own plugins.config, as ImageJ does for a jar in plugins/. */
	private static void registerPluginsConfig() {
		try (java.io.InputStream in = ImageJFixture.class.getResourceAsStream("/plugins.config")) {
			String config = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			java.util.regex.Matcher m = java.util.regex.Pattern.compile("^[^#].*?, \"(.+?)\", (.+)$", java.util.regex.Pattern.MULTILINE)
				.matcher(config);
			while (m.find()) Menus.getCommands().put(m.group(1), m.group(2).trim());
		}
		catch (java.io.IOException | NullPointerException e) {
			throw new AssertionError("plugins.config must be on the classpath", e);
		}
		if (!MENU_ENTRY.equals(Menus.getCommands().get(COMMAND))) throw new AssertionError("plugins.config lacks " + COMMAND);
	}

	static String ihc() {
		return TestModel.repositoryFile("sample-data/ihc.png").toString();
	}

	static String dsb(String name) {
		return TestModel.repositoryFile("sample-data/dsb2018-dev/" + name + ".png").toString();
	}

	/** The ROI Manager, opened if need be, emptied. */
	static RoiManager emptyManager() {
		RoiManager rm = RoiManager.getRoiManager();
		rm.reset();
		return rm;
	}

	/** The open ROI Manager, emptied, holding one entry the tests expect to survive. */
	static RoiManager managerWithOneEntry() {
		RoiManager rm = emptyManager();
		Roi keep = new Roi(5, 6, 7, 8);
		keep.setName("keep me");
		rm.addRoi(keep);
		return rm;
	}

	/** Runs a macro on an ImageJ-style "Run$_" thread (see {@link MacroRun}); a macro error fails the test. */
	static String macro(String code) {
		return MacroRun.ok(code, null);
	}

	/** Polls {@code condition} every 50 ms; on time-out fails naming the windows on screen, the likely culprit. */
	static void waitFor(String what, long millis, BooleanSupplier condition) throws InterruptedException {
		long end = System.currentTimeMillis() + millis;
		while (!condition.getAsBoolean()) {
			if (System.currentTimeMillis() > end) fail("timed out waiting for " + what + "; windows: " + windowTitles());
			Thread.sleep(50);
		}
	}

	private static List<String> windowTitles() {
		List<String> titles = new ArrayList<>();
		for (Window w : Window.getWindows())
			if (w.isShowing()) titles.add(w.getClass().getSimpleName() + " '"
				+ (w instanceof Dialog ? ((Dialog) w).getTitle() : w instanceof Frame ? ((Frame) w).getTitle() : "") + "'");
		return titles;
	}

	static void closeAll() {
		while (WindowManager.getImageCount() > 0) {
			ImagePlus imp = WindowManager.getCurrentImage();
			if (imp == null) break;
			imp.changes = false;
			imp.close();
		}
	}
}
