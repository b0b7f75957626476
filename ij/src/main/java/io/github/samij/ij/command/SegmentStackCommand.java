package io.github.samij.ij.command;

import ij.ImagePlus;

import io.github.samij.core.prompt.Prompt;
import io.github.samij.ij.Plane;
import io.github.samij.ij.StackRun;
import io.github.samij.ij.convert.PromptInput;

import java.util.Collections;
import java.util.List;

import org.scijava.ItemVisibility;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * The same prompt (the current selection) on every slice (or frame) of a range: each plane is
 * encoded on demand — the embedding cache keeps what fits its bound — its masks are added as
 * they finish, and the best kept mask of each plane is painted into a 16-bit label image.
 * Escape stops after the current plane and keeps what is finished.
 */
@Plugin(type = org.scijava.command.Command.class, menuPath = "Plugins>Segment Anything>Segment Stack...")
public class SegmentStackCommand extends SegmentPlanesCommand {

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false)
	private String stackHelp = "The current selection prompts every plane from first to last (0 = the last one).";

	@Parameter(label = "Along", choices = { "z", "t" }, description = "slices (z) or frames (t) of a hyperstack")
	private String axis = "z";

	@Parameter(label = "First plane", min = "1")
	private int first = 1;

	@Parameter(label = "Last plane (0: the last one)", min = "0")
	private int last;

	@Override
	protected StackRun.Outcome segmentPlanes(ImagePlus imp) {
		Prompt prompt = PromptInput.from(imp);
		List<Plane> planes = StackRun.planes(imp, axis, first, last);
		return StackRun.run(imp, planes, Collections.nCopies(planes.size(), prompt), settings(), label_image);
	}
}
