package io.github.samij.ij.command;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;

import io.github.samij.core.SamException;
import io.github.samij.core.prompt.Prompt;
import io.github.samij.ij.Plane;
import io.github.samij.ij.StackRun;
import io.github.samij.ij.convert.PromptInput;
import io.github.samij.ij.output.RoiOutput;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.scijava.ItemVisibility;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Per-slice prompts from the ROI Manager: every point or rectangle ROI there is one object's
 * prompt on the plane its position names (a multi-point ROI is one object with several points;
 * ROIs without a position prompt the current plane). Other ROIs, such as earlier SAM results, are
 * left alone. The masks are appended after all existing entries.
 */
@Plugin(type = org.scijava.command.Command.class, menuPath = "Plugins>Segment Anything>Segment ROI Manager Prompts...")
public class SegmentRoiManagerCommand extends SegmentPlanesCommand {

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false)
	private String managerHelp = "Each point or rectangle ROI in the ROI Manager prompts the slice it is positioned on.";

	@Override
	protected StackRun.Outcome segmentPlanes(ImagePlus imp) {
		RoiManager rm = RoiOutput.manager();
		List<Plane> planes = new ArrayList<>();
		List<Prompt> prompts = new ArrayList<>();
		for (Roi roi : rm == null ? new Roi[0] : rm.getRoisAsArray()) {
			if (!PromptInput.isPromptShape(roi)) continue;
			planes.add(planeOf(roi, imp));
			prompts.add(PromptInput.from(Collections.singletonList(roi), imp.getWidth(), imp.getHeight()));
		}
		if (prompts.isEmpty())
			throw new SamException("The ROI Manager holds no point or rectangle ROIs to use as prompts: on each slice, "
				+ "click the object (or draw a rectangle), press t to add it to the ROI Manager, then run this again.");
		return StackRun.run(imp, planes, prompts, settings(), label_image);
	}

	/** The plane a ROI's position names; the current plane where it names none. */
	static Plane planeOf(Roi roi, ImagePlus imp) {
		Plane here = Plane.current(imp);
		if (roi.hasHyperStackPosition())
			return new Plane(here.channel, roi.getZPosition() > 0 ? roi.getZPosition() : here.slice,
				roi.getTPosition() > 0 ? roi.getTPosition() : here.frame);
		if (roi.getPosition() > 0 && roi.getPosition() <= imp.getStackSize()) return Plane.ofIndex(imp, roi.getPosition());
		return here;
	}
}
