package io.github.samij.ij.command;

import ij.ImagePlus;

import io.github.samij.ij.StackRun;

import org.scijava.plugin.Parameter;

/**
 * A segment command over several planes: each subclass says which prompt goes to which plane
 * ({@link #segmentPlanes}); the planes are segmented one by one ({@link StackRun}), each one's ROIs
 * added as it finishes and its best kept mask painted into a 16-bit label image if asked; Escape
 * stops after the current plane and keeps what is finished.
 */
public abstract class SegmentPlanesCommand extends SegmentCommand {

	@Parameter(label = "Label image")
	protected boolean label_image = true;

	private StackRun.Outcome outcome;

	@Override
	public void run() {
		outcome = StackRun.execute(image, this::segmentPlanes);
	}

	/** Segments the planes of {@code imp} with this command's prompts (see {@link StackRun#run}). */
	protected abstract StackRun.Outcome segmentPlanes(ImagePlus imp);

	/** What the last run produced, for scripts and tests; {@code null} after a failure. */
	public StackRun.Outcome outcome() {
		return outcome;
	}
}
