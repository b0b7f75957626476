package io.github.samij.ij;

import ij.ImagePlus;

import java.io.File;

import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Segment Anything on the current image's selection, as a SciJava command (Fiji's menus, scripts,
 * {@code CommandService}; plain ImageJ 1 menus through {@link Ij1Command}). Its parameter names
 * are the macro keys, so a recorded macro line replays through either.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Segment Anything>Segment Anything...")
public class SegmentCommand implements Command {

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false)
	private String help = "Point tool: counter 0 = foreground, counter 1 = background. Rectangle tool: a box.";

	@Parameter(required = false)
	private ImagePlus image;

	@Parameter(label = "Mode", choices = { "auto", "multi", "single" },
		description = "auto: one click → three masks; a box, several points or a refinement → one mask")
	private String mode = "auto";

	@Parameter(label = "Output", choices = { SegmentSettings.OUTPUT_MANAGER, SegmentSettings.OUTPUT_OVERLAY,
		SegmentSettings.OUTPUT_BOTH })
	private String output = SegmentSettings.OUTPUT_MANAGER;

	@Parameter(label = "Minimum predicted IoU", min = "0", max = "1", stepSize = "0.01")
	private double min_iou;

	@Parameter(label = "Minimum stability", min = "0", max = "1", stepSize = "0.01")
	private double min_stability;

	@Parameter(label = "Keep", choices = { SegmentSettings.KEEP_ALL, SegmentSettings.KEEP_BEST })
	private String keep = SegmentSettings.KEEP_ALL;

	@Parameter(label = "Components", choices = { SegmentSettings.COMPONENTS_ALL, SegmentSettings.COMPONENTS_PROMPTED },
		description = "all pieces of each mask, or only those under the prompt")
	private String components = SegmentSettings.COMPONENTS_ALL;

	@Parameter(label = "Model folder (empty: default model)", required = false, style = FileWidget.DIRECTORY_STYLE)
	private File model;

	/** What the last run produced, for scripts and tests; {@code null} after a failure. */
	private SegmentAnything.Result result;

	@Override
	public void run() {
		result = null;
		try {
			SegmentSettings s = SegmentSettings.of(mode, output, min_iou, min_stability, keep, components,
				model == null ? "" : model.getPath());
			result = SegmentAnything.segment(image, s);
			Feedback.report(result);
		}
		catch (RuntimeException e) {
			Feedback.error(e);
		}
	}

	public SegmentAnything.Result result() {
		return result;
	}
}
