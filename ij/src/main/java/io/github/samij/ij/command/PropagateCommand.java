package io.github.samij.ij.command;

import ij.ImagePlus;

import io.github.samij.core.SamException;
import io.github.samij.core.mask.MaskGeometry;
import io.github.samij.core.prompt.Prompt;
import io.github.samij.ij.Plane;
import io.github.samij.ij.SegmentAnything;
import io.github.samij.ij.SegmentSettings;
import io.github.samij.ij.StackProgress;
import io.github.samij.ij.StackRun;
import io.github.samij.ij.convert.ImageInput;
import io.github.samij.ij.convert.PromptInput;
import io.github.samij.ij.convert.SamRois;
import io.github.samij.ij.output.LabelImage;

import java.io.File;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Follows one object through z or time: the selection prompts the current plane; each next
 * plane is prompted from the mask chosen on the one before — its interior point farthest from the
 * boundary, or its bounding box — and of SAM's answers the mask overlapping that previous mask
 * most is chosen. The run stops, saying where and why, when the object is lost: no mask, a
 * predicted IoU below {@code min_iou}, or an overlap with the previous mask below
 * {@code min_overlap}.
 */
@Plugin(type = org.scijava.command.Command.class, menuPath = "Plugins>Segment Anything>Propagate Through Stack...")
public class PropagateCommand implements Command {

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false)
	private String help = "Select the object on the current slice (point or rectangle); each next slice is prompted "
		+ "from the mask on the previous one.";

	@Parameter(required = false)
	private ImagePlus image;

	@Parameter(label = "Output", choices = { SegmentSettings.OUTPUT_MANAGER, SegmentSettings.OUTPUT_OVERLAY,
		SegmentSettings.OUTPUT_BOTH })
	private String output = SegmentSettings.OUTPUT_MANAGER;

	@Parameter(label = "Channels (empty: the current one; or e.g. 1 or 1,2,3 as red, green, blue)", required = false)
	private String channels = "";

	@Parameter(label = "Model (empty: the default in Options)", description = SegmentSettings.MODEL_HELP, required = false,
		style = FileWidget.DIRECTORY_STYLE)
	private File model;

	@Parameter(label = "Along", choices = { "z", "t" })
	private String axis = "z";

	@Parameter(label = "Direction", choices = { "forward", "backward" })
	private String direction = "forward";

	@Parameter(label = "Next prompt from the previous mask's", choices = { "point", "box" })
	private String prompt_from = "point";

	@Parameter(label = "Stop below predicted IoU", min = "0", max = "1", stepSize = "0.01")
	private double min_iou = 0.5;

	@Parameter(label = "Stop below overlap with the previous mask", min = "0", max = "1", stepSize = "0.01")
	private double min_overlap = 0.3;

	@Parameter(label = "Label image")
	private boolean label_image = true;

	private StackRun.Outcome outcome;

	@Override
	public void run() {
		outcome = StackRun.execute(image, imp -> {
			Prompt first = PromptInput.from(imp);
			Plane here = Plane.current(imp);
			boolean alongT = "t".equals(axis) || imp.getNSlices() == 1;
			int position = alongT ? here.frame : here.slice;
			boolean backward = "backward".equals(direction);
			List<Plane> planes = backward ? StackRun.planes(imp, axis, 1, position) : StackRun.planes(imp, axis, position, 0);
			if (backward) Collections.reverse(planes);
			return propagate(imp, planes, first);
		});
	}

	private StackRun.Outcome propagate(ImagePlus imp, List<Plane> planes, Prompt first) {
		// Every mask of each slice: the one to follow is chosen here, by overlap with the previous one.
		SegmentSettings all = SegmentSettings.of("auto", "predicted_iou", output, 0, 0, SegmentSettings.KEEP_ALL,
			SegmentSettings.COMPONENTS_ALL, model == null ? "" : model.getPath());
		all.channels = ImageInput.parseChannels(channels);
		StackRun.Outcome outcome = new StackRun.Outcome();
		outcome.labels = label_image ? new LabelImage(imp) : null;
		StackProgress progress = new StackProgress("slice", planes.size());
		SamRois.MaskRoi previous = null;
		for (int i = 0; i < planes.size(); i++) {
			if (progress.cancelled()) {
				outcome.note = progress.cancelNote(i);
				break;
			}
			Plane plane = planes.get(i);
			Prompt prompt = previous == null ? first : promptFrom(previous);
			SegmentAnything.Result r = SegmentAnything.segmentPlane(imp, plane, prompt, all);
			SamRois.MaskRoi chosen = previous == null ? (r.rois.isEmpty() ? null : r.rois.get(0)) : mostOverlapping(r, previous);
			double overlap = chosen == null || previous == null ? 1 : MaskGeometry.iou(chosen.mask, previous.mask);
			if (chosen == null || chosen.mask.iou() < min_iou || overlap < min_overlap) {
				outcome.note = String.format(Locale.ROOT, "Object lost at %s (%s); propagation stopped there.", plane,
					chosen == null ? "no mask" : String.format(Locale.ROOT, "predicted IoU %.2f, overlap with the previous "
						+ "mask %.2f; thresholds %.2f and %.2f", chosen.mask.iou(), overlap, min_iou, min_overlap));
				if (previous == null) throw new SamException("No object to follow on the first slice: " + outcome.note);
				break;
			}
			StackRun.add(imp, outcome, SegmentAnything.only(r, chosen), all);
			previous = chosen;
			progress.done(i + 1);
		}
		progress.finish();
		return outcome;
	}

	private Prompt promptFrom(SamRois.MaskRoi mask) {
		if ("box".equals(prompt_from)) {
			java.awt.Rectangle b = mask.roi.getBounds();
			return Prompt.box(b.x, b.y, b.x + b.width, b.y + b.height);
		}
		int[] p = MaskGeometry.interiorPoint(mask.mask, true);
		return Prompt.point(p[0], p[1]);
	}

	private static SamRois.MaskRoi mostOverlapping(SegmentAnything.Result r, SamRois.MaskRoi previous) {
		SamRois.MaskRoi best = null;
		double bestOverlap = -1;
		for (SamRois.MaskRoi m : r.rois) {
			double o = MaskGeometry.iou(m.mask, previous.mask);
			if (o > bestOverlap) {
				bestOverlap = o;
				best = m;
			}
		}
		return best;
	}

	public StackRun.Outcome outcome() {
		return outcome;
	}
}
