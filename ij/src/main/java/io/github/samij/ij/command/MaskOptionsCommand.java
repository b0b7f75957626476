package io.github.samij.ij.command;

import io.github.samij.ij.SegmentSettings;

import org.scijava.plugin.Parameter;

/**
 * What every command that segments prompts asks, in one place: which masks to return and keep
 * (mode, ranking, thresholds, keep, components) and what SAM sees (crop window; channels and model
 * from {@link SamInputCommand}). Subclasses add where the prompts come from and where the results go. Field names are the
 * macro keys, so a recorded line replays through the SciJava command and the ImageJ 1 plugin alike.
 */
public abstract class MaskOptionsCommand extends SamInputCommand {

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

	@Parameter(label = "Keep", choices = { SegmentSettings.KEEP_ALL, SegmentSettings.KEEP_BEST },
		description = "all returned masks, or only rank 1 (a label image always gets each object's rank 1)")
	protected String keep = SegmentSettings.KEEP_ALL;

	@Parameter(label = "Components", choices = { SegmentSettings.COMPONENTS_ALL, SegmentSettings.COMPONENTS_PROMPTED },
		description = "all pieces of each mask, or only those under the prompt")
	protected String components = SegmentSettings.COMPONENTS_ALL;

	@Parameter(label = "Crop around the prompt (pixels; 0: the whole image)", min = "0",
		description = "for small objects in large images: SAM sees a window of this size around the prompt")
	protected int crop;

	/** The settings these parameters make, the ROIs going to {@code output}; a clear message for bad values. */
	protected SegmentSettings settings(String output) {
		SegmentSettings s = SegmentSettings.of(mode, ranking, output, min_iou, min_stability, keep, components, modelFolder());
		s.channels = channels();
		s.crop = SegmentSettings.cropSize(crop);
		return s;
	}
}
