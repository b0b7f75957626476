package io.github.samij.ij.command;

import ij.ImagePlus;

import io.github.samij.ij.Feedback;
import io.github.samij.ij.SegmentAnything;
import io.github.samij.ij.SegmentSettings;

import org.scijava.ItemVisibility;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Segment Anything on the current image's selection, as a SciJava command (Fiji's menus, scripts,
 * {@code CommandService}; plain ImageJ 1 menus through {@link Ij1Command}). Its parameter names
 * are the macro keys, so a recorded macro line replays through either.
 */
@Plugin(type = org.scijava.command.Command.class, menuPath = "Plugins>Segment Anything>Segment Anything...")
public class SegmentCommand extends MaskOptionsCommand {

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false)
	private String help = "Point tool: counter 0 = foreground, counter 1 = background. Rectangle tool: a box.";

	@Parameter(required = false)
	protected ImagePlus image;

	@Parameter(label = "Output", choices = { SegmentSettings.OUTPUT_MANAGER, SegmentSettings.OUTPUT_OVERLAY,
		SegmentSettings.OUTPUT_BOTH })
	protected String output = SegmentSettings.OUTPUT_MANAGER;

	/** What the last run produced, for scripts and tests; {@code null} after a failure. */
	private SegmentAnything.Result result;

	@Override
	public void run() {
		result = null;
		try {
			result = SegmentAnything.segment(image, settings());
			Feedback.report(result);
		}
		catch (RuntimeException e) {
			Feedback.error(e);
		}
	}

	/** The settings from this command's parameters. */
	protected SegmentSettings settings() {
		return settings(output);
	}

	public SegmentAnything.Result result() {
		return result;
	}
}
