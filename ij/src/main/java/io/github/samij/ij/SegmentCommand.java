package io.github.samij.ij;

import org.scijava.ItemVisibility;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Segment Anything on the current image's selection, as a SciJava command (Fiji's menus, scripts,
 * {@code CommandService}; plain ImageJ 1 menus through {@link Ij1Command}). Its parameter names
 * are the macro keys, so a recorded macro line replays through either.
 */
@Plugin(type = org.scijava.command.Command.class, menuPath = "Plugins>Segment Anything>Segment Anything...")
public class SegmentCommand extends PlaneCommand {

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false)
	private String help = "Point tool: counter 0 = foreground, counter 1 = background. Rectangle tool: a box.";

	@Parameter(label = "Mode", choices = { "auto", "multi", "single" },
		description = "auto: one click → three masks; a box, several points or a refinement → one mask")
	protected String mode = "auto";

	@Parameter(label = "Ranking", choices = { "predicted_iou", "smallest_confident" },
		description = SegmentSettings.RANKING_HELP)
	protected String ranking = "predicted_iou";

	@Parameter(label = "Minimum predicted IoU", min = "0", max = "1", stepSize = "0.01")
	protected double min_iou;

	@Parameter(label = "Minimum stability", min = "0", max = "1", stepSize = "0.01")
	protected double min_stability;

	@Parameter(label = "Keep", choices = { SegmentSettings.KEEP_ALL, SegmentSettings.KEEP_BEST })
	protected String keep = SegmentSettings.KEEP_ALL;

	@Parameter(label = "Components", choices = { SegmentSettings.COMPONENTS_ALL, SegmentSettings.COMPONENTS_PROMPTED },
		description = "all pieces of each mask, or only those under the prompt")
	protected String components = SegmentSettings.COMPONENTS_ALL;

	@Parameter(label = "Crop around the prompt (pixels; 0: the whole image)", min = "0",
		description = "for small objects in large images: SAM sees a window of this size around the prompt")
	protected int crop;

	/** What the last run produced, for scripts and tests; {@code null} after a failure. */
	private SegmentAnything.Result result;

	@Override
	public void run() {
		result = null;
		try {
			result = SegmentAnything.segment(requireImage(), settings());
			Feedback.report(result);
		}
		catch (RuntimeException e) {
			Feedback.error(e);
		}
	}

	/** The settings from this command's parameters. */
	protected SegmentSettings settings() {
		SegmentSettings s = settings(mode, ranking, min_iou, min_stability, keep, components);
		s.crop = SegmentSettings.cropSize(crop);
		return s;
	}

	public SegmentAnything.Result result() {
		return result;
	}
}
