package io.github.samij.ij.live;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

import javax.swing.Timer;

/**
 * What a live session shows: its preview ROIs in the image's overlay (alongside the user's own,
 * which stay), and its words in the status bar — a help line after each result, and while the image
 * is encoded, the seconds so far with a progress bar.
 * <p>
 * Event dispatch thread only.
 */
final class LiveView {

	static final String STATUS = "Live SAM: ";

	private final ImagePlus imp;
	/** The overlay's own setting, restored when the preview goes; {@code null} while no preview is shown. */
	private Boolean overlayWasSelectable;
	private boolean overlayCreated;
	private Timer ticker;
	private double encodeSecondsEstimate = 3;

	LiveView(ImagePlus imp) {
		this.imp = imp;
	}

	/** Puts the preview into the overlay, in place of the previous one. */
	void install(List<Roi> preview) {
		Overlay o = imp.getOverlay();
		if (o == null) {
			o = new Overlay();
			overlayCreated = true;
		}
		LivePreview.removeFrom(o);
		for (Roi roi : preview) o.add(roi);
		if (overlayWasSelectable == null) overlayWasSelectable = o.isSelectable();
		o.selectable(false); // a long or double click on a preview mask must not turn it into the selection
		imp.setOverlay(o);
	}

	/** Takes the preview out of the overlay; an overlay it created and left empty goes too. */
	void remove() {
		Overlay o = imp.getOverlay();
		if (o == null) return;
		LivePreview.removeFrom(o);
		if (overlayWasSelectable != null) o.selectable(overlayWasSelectable);
		overlayWasSelectable = null;
		if (o.size() == 0 && overlayCreated) imp.setOverlay(null);
		else imp.setOverlay(o);
		overlayCreated = false;
	}

	void status(String message) {
		IJ.showStatus(STATUS + message);
	}

	/**
	 * Shows how long the encoder of {@code what} has been running, four times a second, until
	 * {@link #stopTicker}; {@code queued} says whether a click waits for it.
	 */
	void startTicker(String what, DoubleSupplier encodingSeconds, java.util.function.BooleanSupplier queued) {
		stopTicker();
		ticker = new Timer(250, e -> {
			double s = encodingSeconds.getAsDouble();
			if (s == 0) return;
			IJ.showStatus(String.format(Locale.ROOT, "%sencoding %s\u2026 %.1f s%s", STATUS, what, s,
				queued.getAsBoolean() ? " (your click is queued)" : ""));
			IJ.showProgress(Math.min(0.95, s / Math.max(0.5, encodeSecondsEstimate)));
		});
		ticker.setInitialDelay(0);
		ticker.start();
	}

	/** Stops the encoding ticker; {@code seconds} (if positive) is how long the last encoding took, for the next estimate. */
	void stopTicker(double seconds) {
		if (seconds > 0) encodeSecondsEstimate = seconds;
		stopTicker();
	}

	void stopTicker() {
		if (ticker == null) return;
		ticker.stop();
		ticker = null;
		IJ.showProgress(1.0);
	}
}
