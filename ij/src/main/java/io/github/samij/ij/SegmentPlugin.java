package io.github.samij.ij;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
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

	/** The dialog's values; a new instance holds the defaults. */
	private static final class Remembered {
		String mode = "auto", output = SegmentSettings.OUTPUT_MANAGER, keep = SegmentSettings.KEEP_ALL,
			components = SegmentSettings.COMPONENTS_ALL, model = "";
		double minIou, minStability;
	}

	/** What the user last chose by hand, offered again in the dialog during this session. */
	private static Remembered last = new Remembered();

	@Override
	public void run(String arg) {
		ImagePlus imp = WindowManager.getCurrentImage();
		try {
			if (imp == null) throw SegmentAnything.noImage(); // before the dialog: nothing to ask about
			// A macro gets the documented defaults for keys it leaves out, never what was last typed
			// by hand, so that the same macro line always does the same thing.
			boolean macro = Macro.getOptions() != null;
			Remembered d = macro ? new Remembered() : last;
			GenericDialog gd = new GenericDialog("Segment Anything");
			gd.addMessage(HELP);
			gd.addChoice("mode", SegmentSettings.MODES, d.mode);
			gd.addChoice("output", SegmentSettings.OUTPUTS, d.output);
			gd.addNumericField("min_iou", d.minIou, 2);
			gd.addNumericField("min_stability", d.minStability, 2);
			gd.addChoice("keep", SegmentSettings.KEEPS, d.keep);
			gd.addChoice("components", SegmentSettings.COMPONENTS, d.components);
			gd.addDirectoryField("model", d.model);
			gd.addHelp("https://github.com/sam-ij/sam-ij#readme");
			gd.showDialog();
			if (gd.wasCanceled()) return;
			Remembered v = new Remembered();
			v.mode = gd.getNextChoice();
			v.output = gd.getNextChoice();
			v.minIou = gd.getNextNumber();
			v.minStability = gd.getNextNumber();
			v.keep = gd.getNextChoice();
			v.components = gd.getNextChoice();
			v.model = gd.getNextString();
			if (!macro) last = v;
			SegmentSettings s = SegmentSettings.of(v.mode, v.output, v.minIou, v.minStability, v.keep, v.components, v.model);
			Feedback.report(SegmentAnything.segment(imp, s));
		}
		catch (RuntimeException e) {
			Feedback.error(e);
		}
		finally {
			IJ.showProgress(1.0);
		}
	}
}
