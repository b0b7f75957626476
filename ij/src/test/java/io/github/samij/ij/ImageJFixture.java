package io.github.samij.ij;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.Menus;
import ij.WindowManager;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;

import io.github.samij.core.TestModel;

/**
 * A real ImageJ 1 instance (hidden main window; needs a display, e.g. Xvfb) with this plugin's
 * menu command registered as plugins.config would, so macros can {@code run("Segment Anything...")}.
 */
final class ImageJFixture {

	static final String COMMAND = "Segment Anything...";
	/** What plugins.config puts behind the menu label. */
	static final String MENU_ENTRY = Ij1Command.class.getName() + "(\"" + SegmentCommand.class.getName() + "\")";

	private ImageJFixture() { }

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

	/** The open ROI Manager, emptied, holding one entry the tests expect to survive. */
	static RoiManager managerWithOneEntry() {
		RoiManager rm = RoiManager.getRoiManager();
		rm.reset();
		Roi keep = new Roi(5, 6, 7, 8);
		keep.setName("keep me");
		rm.addRoi(keep);
		return rm;
	}

	/** Runs a macro on an ImageJ-style "Run$_" thread (see {@link MacroRun}); a macro error fails the test. */
	static String macro(String code) {
		return MacroRun.ok(code, null);
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
