package io.github.samij.ij.command;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Roi;
import ij.macro.ExtensionDescriptor;
import ij.macro.Functions;
import ij.macro.Interpreter;
import ij.macro.MacroExtension;
import ij.plugin.PlugIn;

import io.github.samij.core.SamException;
import io.github.samij.core.instances.SegmentAllSettings;
import io.github.samij.core.mask.Ranking;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;
import io.github.samij.ij.Feedback;
import io.github.samij.ij.Models;
import io.github.samij.ij.Plane;
import io.github.samij.ij.SegmentAllRun;
import io.github.samij.ij.SegmentAnything;
import io.github.samij.ij.SegmentSettings;
import io.github.samij.ij.convert.ImageInput;
import io.github.samij.ij.convert.SamRois;
import io.github.samij.ij.output.RoiOutput;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * {@code run("Segment Anything Macro Extensions");} makes the {@code Ext.sam...} functions
 * available to the running macro, for stateful scripting: choose a model and a mode, segment a
 * point, a box or several points on a given plane of the current image, read each mask's numbers,
 * add the mask you choose to the ROI Manager. See the README, section <i>Macro extensions</i>.
 * <p>
 * Masks are indexed 0, 1, 2... in rank order (like {@code roiManager("select", i)}), counting only
 * those that pass the thresholds. Two kinds of error: what SAM cannot do with valid arguments (no
 * image, a point outside it, a model that does not load) is one line in the Log, leaves no masks
 * (count 0) and lets the macro go on; a wrong argument (an index out of range, an unknown mode) stops
 * the macro with the message and its line, as ImageJ's own functions do. Never a stack trace.
 * <p>
 * The state (model, mode, thresholds, last masks) belongs to one registration, i.e. to the macro
 * that ran the command; macro functions run on that macro's thread only.
 */
public class SamMacroExtensions implements PlugIn, MacroExtension {

	public static final String COMMAND = "Segment Anything Macro Extensions";

	private static final int N = ARG_NUMBER, S = ARG_STRING, A = ARG_ARRAY;
	private static final int ON = ARG_OUTPUT | ARG_NUMBER, OS = ARG_OUTPUT | ARG_STRING;

	/** Name, argument types, and the argument names the messages use. */
	private static final Object[][] FUNCTIONS = {
		{ "samSetModel", new int[] { S }, "model" },
		{ "samSetMode", new int[] { S }, "mode" },
		{ "samSetRanking", new int[] { S }, "ranking" },
		{ "samSetThresholds", new int[] { N, N }, "minIou, minStability" },
		{ "samSetCrop", new int[] { N }, "pixels" },
		{ "samSetChannels", new int[] { S }, "channels" },
		{ "samSegmentPoint", new int[] { N, N, N }, "x, y, slice" },
		{ "samSegmentBox", new int[] { N, N, N, N, N }, "x0, y0, x1, y1, slice" },
		{ "samSegmentPoints", new int[] { A, A, A, N }, "xs, ys, labels, slice" },
		{ "samSetSegmentAll", new int[] { S }, "options" },
		{ "samSegmentAll", new int[] { N }, "slice" },
		{ "samGetCount", new int[] { ON }, "count" },
		{ "samGetMask", new int[] { N, ON, OS, ON, ON, ON }, "i, rank, scale, iou, stability, area" },
		{ "samAddToManager", new int[] { N }, "i" },
		{ "samSelect", new int[] { N }, "i" },
		{ "samReset", new int[0], "" },
	};

	private SegmentSettings settings = new SegmentSettings();
	private SegmentAllSettings allSettings = SegmentAllSettings.DEFAULT;
	private ImagePlus image;
	/** The masks of the last segmentation that passed, or the objects of the last Segment All; {@code null}: none. */
	private List<SamRois.MaskRoi> masks;

	/** A wrong argument: stops the macro with this message. */
	private static final class UsageException extends RuntimeException {
		private static final long serialVersionUID = 1L;

		UsageException(String message) {
			super(message);
		}
	}

	@Override
	public void run(String arg) {
		if (!IJ.macroRunning()) {
			IJ.error(Feedback.TITLE, "The Segment Anything macro extensions are for macros: start a macro with\n"
				+ "run(\"" + COMMAND + "\");\nthen call Ext.samSegmentPoint(x, y, slice) and the other Ext.sam... functions "
				+ "(see the README, section Macro extensions).");
			return;
		}
		Functions.registerExtensions(this);
	}

	@Override
	public ExtensionDescriptor[] getExtensionFunctions() {
		ExtensionDescriptor[] d = new ExtensionDescriptor[FUNCTIONS.length];
		for (int i = 0; i < d.length; i++)
			d[i] = ExtensionDescriptor.newDescriptor((String) FUNCTIONS[i][0], this, (int[]) FUNCTIONS[i][1]);
		return d;
	}

	/**
	 * Runs one function. Always returns "" (results come back through output arguments): the
	 * interpreter prints whatever a function used as a statement returns.
	 */
	@Override
	public String handleExtension(String name, Object[] args) {
		String usage = null;
		try {
			return call(name, args == null ? new Object[0] : args);
		}
		catch (UsageException e) {
			usage = "Ext." + name + "(" + signature(name) + "): " + e.getMessage();
		}
		catch (SamException e) {
			masks = null; // a failed segmentation leaves no masks, never the previous ones
			IJ.log(Feedback.TITLE + ": " + e.getMessage());
			return "";
		}
		catch (RuntimeException e) {
			masks = null;
			if (IJ.debugMode) IJ.handleException(e);
			IJ.log(Feedback.TITLE + ": Ext." + name + " failed unexpectedly (" + e + "); please report this with the steps to "
				+ "reproduce it.");
			return "";
		}
		// Outside the try: aborting a macro throws, and that must reach the interpreter.
		Interpreter interp = Interpreter.getInstance();
		if (interp != null) interp.abort(usage);
		else IJ.log(Feedback.TITLE + ": " + usage);
		return "";
	}

	/** A value parsed from a macro argument; a value the parser refuses is a wrong argument. */
	private static <T> T argument(Supplier<T> parse) {
		try {
			return parse.get();
		}
		catch (SamException e) {
			throw new UsageException(e.getMessage());
		}
	}

	private String call(String name, Object[] a) {
		switch (name) {
			case "samSetModel":
				settings.model = ((String) a[0]).trim();
				Models.get(settings.model); // loads now, so a bad folder is reported at this line
				return "";
			case "samSetMode":
				settings.mode = argument(() -> MaskMode.parse((String) a[0]));
				return "";
			case "samSetRanking":
				settings.ranking = argument(() -> Ranking.parse((String) a[0]));
				return "";
			case "samSetCrop":
				settings.crop = argument(() -> SegmentSettings.cropSize(integer("pixels", a[0])));
				return "";
			case "samSetThresholds":
				settings.minIou = fraction("minIou", number(a[0]));
				settings.minStability = fraction("minStability", number(a[1]));
				return "";
			case "samSetChannels":
				settings.channels = argument(() -> ImageInput.parseChannels((String) a[0]));
				return "";
			case "samSegmentPoint":
				return segment(Prompt.point(number(a[0]), number(a[1])), a[2]);
			case "samSegmentBox":
				return segment(Prompt.box(number(a[0]), number(a[1]), number(a[2]), number(a[3])), a[4]);
			case "samSegmentPoints":
				return segment(points((Object[]) a[0], (Object[]) a[1], (Object[]) a[2]), a[3]);
			case "samSetSegmentAll":
				allSettings = argument(() -> segmentAllSettings((String) a[0]));
				return "";
			case "samSegmentAll":
				return segmentAll(a[0]);
			case "samGetCount": {
				int n = count();
				((Double[]) a[0])[0] = (double) n;
				return "";
			}
			case "samGetMask": {
				SamRois.MaskRoi m = mask(a[0]);
				((Double[]) a[1])[0] = (double) m.mask.rank();
				((String[]) a[2])[0] = m.mask.scale().toString();
				((Double[]) a[3])[0] = (double) m.mask.iou();
				((Double[]) a[4])[0] = (double) m.mask.stability();
				((Double[]) a[5])[0] = (double) m.mask.area();
				return "";
			}
			case "samAddToManager": {
				RoiOutput.addToManager(image, mask(a[0]).roi);
				return "";
			}
			case "samSelect": {
				SamRois.MaskRoi m = mask(a[0]);
				image.setRoi((Roi) m.roi.clone());
				return "";
			}
			case "samReset":
				settings = new SegmentSettings();
				allSettings = SegmentAllSettings.DEFAULT;
				image = null;
				masks = null;
				return "";
			default:
				throw new UsageException("unknown function");
		}
	}

	/** Segments {@code prompt} on plane {@code slice} (0: the current one) of the current image. */
	private String segment(Prompt prompt, Object sliceArg) {
		masks = null;
		image = null;
		ImagePlus imp = currentImage();
		Plane plane = plane(imp, sliceArg);
		SegmentAnything.Result r = SegmentAnything.segmentPlane(imp, plane, prompt, settings);
		image = imp;
		masks = r.rois;
		if (r.rois.isEmpty()) IJ.log(Feedback.TITLE + ": " + r.summary);
		return "";
	}

	/** Every object of plane {@code slice} (0: the current one) of the current image; Escape stops it and leaves none. */
	private String segmentAll(Object sliceArg) {
		masks = null;
		image = null;
		ImagePlus imp = currentImage();
		Plane plane = plane(imp, sliceArg);
		SegmentAllRun.PlaneResult r;
		try {
			r = SegmentAllRun.segmentPlane(imp, plane, allSettings, new SegmentAllRun.Source(settings.channels, settings.model));
		}
		catch (CancellationException e) {
			throw new SamException("Segment All was cancelled; no objects.");
		}
		image = imp;
		masks = r.rois;
		for (String note : r.instances.notes()) IJ.log(Feedback.TITLE + ": " + note);
		return "";
	}

	private static ImagePlus currentImage() {
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) throw new SamException("No image is open: open an image before Ext.samSegment...");
		return imp;
	}

	/** Plane {@code slice} of the image, 0 for the current one. */
	private static Plane plane(ImagePlus imp, Object sliceArg) {
		int slice = integer("slice", sliceArg);
		if (slice < 0 || slice > imp.getStackSize())
			throw new UsageException("slice " + slice + " does not exist: '" + imp.getTitle() + "' has " + imp.getStackSize()
				+ " plane(s); give 1.." + imp.getStackSize() + ", or 0 for the current one.");
		return slice == 0 ? Plane.current(imp) : Plane.ofIndex(imp, slice);
	}

	/** Segment All settings from "key=value" pairs separated by spaces, the other keys at their defaults. */
	private static SegmentAllSettings segmentAllSettings(String options) {
		SegmentAllSettings s = SegmentAllSettings.DEFAULT;
		for (String pair : options.trim().split("\\s+")) {
			if (pair.isEmpty()) continue;
			int eq = pair.indexOf('=');
			if (eq <= 0) throw new SamException("'" + pair + "' is not key=value; e.g. \"prompts=grid min_area=30\".");
			s = s.with(pair.substring(0, eq), pair.substring(eq + 1));
		}
		return s;
	}

	private static Prompt points(Object[] xs, Object[] ys, Object[] labels) {
		if (xs.length == 0) throw new UsageException("the arrays are empty; give at least one point.");
		if (xs.length != ys.length || xs.length != labels.length)
			throw new UsageException("xs, ys and labels must have the same length, got " + xs.length + ", " + ys.length + " and "
				+ labels.length + ".");
		List<Prompt.Point> points = new ArrayList<>();
		for (int i = 0; i < xs.length; i++) {
			double label = number(labels[i]);
			if (label != 0 && label != 1)
				throw new UsageException("labels[" + i + "] is " + format(label) + "; use 1 (foreground) or 0 (background).");
			points.add(new Prompt.Point(number(xs[i]), number(ys[i]), label == 1));
		}
		Prompt prompt = Prompt.points(points);
		if (!prompt.hasForeground())
			throw new UsageException("every label is 0 (background); give at least one foreground point (1).");
		return prompt;
	}

	private int count() {
		return masks == null ? 0 : masks.size();
	}

	private SamRois.MaskRoi mask(Object indexArg) {
		int i = integer("i", indexArg);
		if (masks == null)
			throw new UsageException("there are no masks: segment first (Ext.samSegmentPoint, Ext.samSegmentBox, "
				+ "Ext.samSegmentPoints or Ext.samSegmentAll) and check Ext.samGetCount(n).");
		if (i < 0 || i >= count())
			throw new UsageException("mask " + i + " does not exist; there " + (count() == 1 ? "is 1 mask (index 0)"
				: "are " + count() + " masks (indexes 0.." + (count() - 1) + ")") + ".");
		return masks.get(i);
	}

	private static double number(Object o) {
		if (o instanceof Double) return (Double) o;
		if (o instanceof String) {
			try {
				return Double.parseDouble(((String) o).trim());
			}
			catch (NumberFormatException e) {
				throw new UsageException("'" + o + "' is not a number.");
			}
		}
		throw new UsageException("a number was expected, got " + (o == null ? "nothing" : "an array") + ".");
	}

	private static int integer(String what, Object o) {
		double v = number(o);
		if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE)
			throw new UsageException(what + " must be a whole number, got " + format(v) + ".");
		return (int) v;
	}

	private static double fraction(String what, double v) {
		if (!(v >= 0 && v <= 1)) throw new UsageException(what + " must be between 0 and 1, got " + format(v) + ".");
		return v;
	}

	private static String format(double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
	}

	private static String signature(String name) {
		for (Object[] f : FUNCTIONS)
			if (f[0].equals(name)) return (String) f[2];
		return "";
	}
}
