package io.github.samij.ij;

import ij.ImagePlus;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.widget.FileWidget;

/**
 * What every Segment Anything command asks: the image, where the ROIs go, which channels form
 * SAM's RGB input, and the model. Subclasses add their own parameters; field names are macro keys.
 */
public abstract class PlaneCommand implements Command {

	@Parameter(required = false)
	protected ImagePlus image;

	@Parameter(label = "Output", choices = { SegmentSettings.OUTPUT_MANAGER, SegmentSettings.OUTPUT_OVERLAY,
		SegmentSettings.OUTPUT_BOTH })
	protected String output = SegmentSettings.OUTPUT_MANAGER;

	@Parameter(label = "Channels (empty: the current one; or e.g. 1 or 1,2,3 as red, green, blue)", required = false)
	protected String channels = "";

	@Parameter(label = "Model folder (empty: default model)", required = false, style = FileWidget.DIRECTORY_STYLE)
	protected File model;

	/** Settings from the common parameters plus the given mask choices. */
	protected SegmentSettings settings(String mode, String ranking, double minIou, double minStability, String keep,
		String components)
	{
		SegmentSettings s = SegmentSettings.of(mode, ranking, output, minIou, minStability, keep, components,
			model == null ? "" : model.getPath());
		s.channels = ImageInput.parseChannels(channels);
		return s;
	}

	/** The image, or the "no image" message. */
	protected ImagePlus requireImage() {
		if (image == null) throw SegmentAnything.noImage();
		return image;
	}
}
