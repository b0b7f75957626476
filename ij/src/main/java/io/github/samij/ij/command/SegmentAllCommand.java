package io.github.samij.ij.command;

import io.github.samij.core.instances.SegmentAllSettings;
import io.github.samij.ij.Feedback;
import io.github.samij.ij.Plane;
import io.github.samij.ij.SegmentAllRun;
import io.github.samij.ij.SegmentAnything;
import io.github.samij.ij.StackRun;

import ij.ImagePlus;

import java.util.List;

import org.scijava.ItemVisibility;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Segment All: every object of the current image — of each plane of a range of a stack — with no
 * prompt to draw, as one label image and/or ROIs ({@link SegmentAllRun}). The keys, defaults and
 * ranges are {@link SegmentAllSettings}'s, the same as the macro extensions' and the command line's.
 * Escape stops; the plane in progress is dropped, finished planes are kept.
 */
@Plugin(type = org.scijava.command.Command.class, menuPath = "Plugins>Segment Anything>Segment All...")
public class SegmentAllCommand extends SamInputCommand {

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false)
	private String allHelp = "Every object, no prompt needed. Seeds: one prompt per spot that stands out; grid: SAM's regular grid.";

	@Parameter(required = false)
	protected ImagePlus image;

	@Parameter(label = "Prompts", choices = { "seeds", "grid" })
	private String prompts = SegmentAllSettings.DEFAULT.prompts().toString();

	@Parameter(label = "Grid points per side (grid prompts)", min = "1", max = "256")
	private int points_per_side = SegmentAllSettings.DEFAULT.pointsPerSide();

	@Parameter(label = "Minimum predicted IoU", min = "0", max = "1", stepSize = "0.01")
	private double min_iou = SegmentAllSettings.DEFAULT.minIou();

	@Parameter(label = "Minimum stability", min = "0", max = "1", stepSize = "0.01")
	private double min_stability = SegmentAllSettings.DEFAULT.minStability();

	@Parameter(label = "Minimum area (pixels; smaller islands and holes removed)", min = "0")
	private long min_area = SegmentAllSettings.DEFAULT.minArea();

	@Parameter(label = "Maximum area (pixels; 0: no limit)", min = "0")
	private long max_area = SegmentAllSettings.DEFAULT.maxArea();

	@Parameter(label = "Objects (seeds)", choices = { "auto", "bright", "dark" },
		description = "bright on dark (fluorescence) or dark on bright (bright-field, stained); auto: the minority side")
	private String objects = SegmentAllSettings.DEFAULT.objects().toString();

	@Parameter(label = "Output", choices = { SegmentAllRun.OUTPUT_BOTH, SegmentAllRun.OUTPUT_LABELS, SegmentAllRun.OUTPUT_MANAGER })
	private String output = SegmentAllRun.OUTPUT_BOTH;

	@Parameter(label = "Stacks: along", choices = { "z", "t" }, description = "slices (z) or frames (t) of a hyperstack")
	private String axis = "z";

	@Parameter(label = "First plane", min = "1")
	private int first = 1;

	@Parameter(label = "Last plane (0: the last one)", min = "0")
	private int last;

	private SegmentAllRun.Outcome outcome;

	@Override
	public void run() {
		outcome = null;
		try {
			if (image == null) throw SegmentAnything.noImage();
			SegmentAllSettings settings = SegmentAllSettings.DEFAULT.withPrompts(SegmentAllSettings.parsePrompts(prompts))
				.withPointsPerSide(points_per_side).withMinIou(min_iou).withMinStability(min_stability).withMinArea(min_area)
				.withMaxArea(max_area).withObjects(SegmentAllSettings.parseObjects(objects));
			List<Plane> planes = image.getStackSize() == 1 ? List.of(Plane.current(image)) : StackRun.planes(image, axis, first, last);
			outcome = SegmentAllRun.run(image, planes, settings, source(), output);
			SegmentAllRun.report(outcome);
		}
		catch (RuntimeException e) {
			Feedback.error(e);
		}
	}

	/** What the last run produced, for scripts and tests; {@code null} after a failure. */
	public SegmentAllRun.Outcome outcome() {
		return outcome;
	}
}
