package io.github.samij.ij.live;

import ij.ImagePlus;

import io.github.samij.core.SamException;
import io.github.samij.ij.Feedback;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Turns live annotation on or off for the current image (a toggle: run it again to turn it off).
 * It asks nothing: the image is the current one and the model the default. While it is on, the
 * point and rectangle tools segment on mouse release; see {@link LiveMode#HELP} for the keys.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Segment Anything>Live Segment Anything")
public class LiveCommand implements Command {

	@Parameter(required = false)
	private ImagePlus image;

	/** Whether live mode is on for the image after the run. */
	private boolean on;

	@Override
	public void run() {
		try {
			if (image == null) throw new SamException("No image is open: open an image, then turn live mode on.");
			on = LiveMode.toggle(image);
		}
		catch (SamException e) {
			Feedback.error(e);
		}
	}

	public boolean isOn() {
		return on;
	}
}
