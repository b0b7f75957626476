package io.github.samij.ij.command;

import io.github.samij.ij.SegmentAllRun;
import io.github.samij.ij.SegmentSettings;
import io.github.samij.ij.convert.ImageInput;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.widget.FileWidget;

/**
 * What every command that runs SAM asks last, in one place: which channels SAM sees and which
 * model. Field names are the macro keys.
 */
public abstract class SamInputCommand implements Command {

	@Parameter(label = "Channels (empty: the current one; or e.g. 1 or 1,2,3 as red, green, blue)", required = false)
	protected String channels = "";

	@Parameter(label = "Model (empty: the default in Options)", description = SegmentSettings.MODEL_HELP, required = false,
		style = FileWidget.DIRECTORY_STYLE)
	protected File model;

	/** The channels as SAM's input takes them; a clear message for a bad list. */
	protected int[] channels() {
		return ImageInput.parseChannels(channels);
	}

	/** A known model's name, a model folder, or "" for the default model. */
	protected String modelFolder() {
		return model == null ? "" : model.getPath();
	}

	/** Channels and model, for Segment All. */
	protected SegmentAllRun.Source source() {
		return new SegmentAllRun.Source(channels(), modelFolder());
	}
}
