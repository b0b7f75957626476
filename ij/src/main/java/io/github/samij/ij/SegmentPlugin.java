package io.github.samij.ij;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

/**
 * Segment Anything for plain ImageJ 1 menus (listed in {@code plugins.config}): the same options
 * as {@link SegmentCommand}, asked with a GenericDialog whose field labels start with the macro
 * keys, so ImageJ's recorder writes a {@code run("Segment Anything...", "mode=... ")} line that
 * replays the run.
 */
public class SegmentPlugin implements PlugIn {

	private static final String HELP = "Point tool: counter 0 = foreground, counter 1 = background.\n"
		+ "Rectangle tool: a box. A rectangle in the ROI Manager + points: box with points.";

	/** Dialog values are remembered between runs within a session, as ImageJ plugins do. */
	private static String lastMode = "auto", lastOutput = SegmentSettings.OUTPUT_MANAGER,
		lastKeep = SegmentSettings.KEEP_ALL, lastComponents = SegmentSettings.COMPONENTS_ALL, lastModel = "";
	private static double lastMinIou, lastMinStability;

	@Override
	public void run(String arg) {
		ImagePlus imp = WindowManager.getCurrentImage();
		try {
			if (imp == null) {
				SegmentAnything.segment(null, new SegmentSettings()); // throws the "no image" message
				return;
			}
			GenericDialog gd = new GenericDialog("Segment Anything");
			gd.addMessage(HELP);
			gd.addChoice("mode", SegmentSettings.MODES, lastMode);
			gd.addChoice("output", SegmentSettings.OUTPUTS, lastOutput);
			gd.addNumericField("min_iou", lastMinIou, 2);
			gd.addNumericField("min_stability", lastMinStability, 2);
			gd.addChoice("keep", SegmentSettings.KEEPS, lastKeep);
			gd.addChoice("components", SegmentSettings.COMPONENTS, lastComponents);
			gd.addDirectoryField("model", lastModel);
			gd.addHelp("https://github.com/sam-ij/sam-ij#readme");
			gd.showDialog();
			if (gd.wasCanceled()) return;
			lastMode = gd.getNextChoice();
			lastOutput = gd.getNextChoice();
			lastMinIou = gd.getNextNumber();
			lastMinStability = gd.getNextNumber();
			lastKeep = gd.getNextChoice();
			lastComponents = gd.getNextChoice();
			lastModel = gd.getNextString();
			SegmentSettings s = SegmentSettings.of(lastMode, lastOutput, lastMinIou, lastMinStability, lastKeep,
				lastComponents, lastModel);
			Feedback.note(SegmentAnything.segment(imp, s).summary);
		}
		catch (RuntimeException e) {
			Feedback.error(e);
		}
		finally {
			IJ.showProgress(1.0);
		}
	}
}
