package io.github.samij.ij;

import ij.IJ;

import java.util.Locale;

/**
 * Progress and cancel for runs over many planes or files: ImageJ's progress bar, a status line
 * "SAM: slice i of n, ~Ns left" (the estimate from the mean time per finished step), and Escape
 * to stop after the current step.
 * Use from the one thread that runs the loop.
 */
public final class StackProgress {

	private final String unit;
	private final int total;
	private final long start = System.nanoTime();

	/** @param unit what a step is, e.g. "slice" or "image" */
	public StackProgress(String unit, int total) {
		this.unit = unit;
		this.total = total;
		IJ.resetEscape();
	}

	/**
	 * {@code true} once the user pressed Escape (which also aborts a running macro): stop before the
	 * next step. Thread interrupts are not used: ImageJ's ROI tracing gives up on an interrupted
	 * thread, which would silently lose the step in progress.
	 */
	public boolean cancelled() {
		return IJ.escapePressed();
	}

	/** Shows that {@code done} of the steps are finished. */
	public void done(int done) {
		IJ.showProgress(done, total);
		double perStep = (System.nanoTime() - start) / 1e9 / Math.max(1, done);
		IJ.showStatus(String.format(Locale.ROOT, "SAM: %s %d of %d, ~%.0fs left (Esc cancels)", unit, done, total,
			perStep * (total - done)));
	}

	/** Clears the progress bar. */
	public void finish() {
		IJ.showProgress(1.0);
	}

	/** The note for a run stopped early. */
	public String cancelNote(int done) {
		return "Cancelled after " + done + " of " + total + " " + unit + "s; the finished ones are kept.";
	}
}
