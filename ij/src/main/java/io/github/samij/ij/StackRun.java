package io.github.samij.ij;

import ij.IJ;
import ij.ImagePlus;

import io.github.samij.core.SamException;
import io.github.samij.core.prompt.Prompt;
import io.github.samij.ij.output.LabelImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs prompts over planes of an image one by one, adding each plane's ROIs as it finishes,
 * painting the best kept mask per prompt into a label image, with progress and cancel. Shared by
 * the stack, ROI Manager and propagation commands. Use from one thread.
 */
public final class StackRun {

	private StackRun() { }

	/** What a run over planes produced. */
	public static final class Outcome {
		public final List<SegmentAnything.Result> results = new ArrayList<>();
		/** The label image, or {@code null} when not asked for. */
		public LabelImage labels;
		/** Why the run stopped early, or {@code null}. */
		public String note;

		/** Total ROIs added. */
		public int roiCount() {
			int n = 0;
			for (SegmentAnything.Result r : results) n += r.rois.size();
			return n;
		}

		/** Shows the label image and tells the user how it went (status bar, and the log when it stopped early). */
		void report() {
			if (labels != null && labels.count() > 0) labels.image().show();
			String summary = String.format(Locale.ROOT, "Segment Anything: %d plane(s), %d ROI(s)%s.", results.size(),
				roiCount(), labels != null ? ", " + labels.count() + " label(s) in " + labels.image().getTitle() : "");
			IJ.showStatus(summary);
			if (note != null) IJ.log(summary + " " + note);
		}
	}

	/**
	 * Runs a command's work on its image and reports the outcome; no image, and every failure, is
	 * one message (see {@link Feedback#error}) and {@code null}.
	 */
	public static Outcome execute(ImagePlus image, java.util.function.Function<ImagePlus, Outcome> work) {
		try {
			if (image == null) throw SegmentAnything.noImage();
			Outcome outcome = work.apply(image);
			outcome.report();
			return outcome;
		}
		catch (RuntimeException e) {
			Feedback.error(e);
			return null;
		}
	}

	/** The planes from {@code first} to {@code last} (0: the last) along z or t, at the current other position. */
	public static List<Plane> planes(ImagePlus imp, String axis, int first, int last) {
		Plane here = Plane.current(imp);
		boolean alongT = "t".equals(axis) || imp.getNSlices() == 1 && imp.getNFrames() > 1;
		int n = alongT ? imp.getNFrames() : imp.getNSlices();
		int to = last == 0 ? n : last;
		if (first < 1 || to > n || first > to)
			throw new SamException("The range " + first + "-" + (last == 0 ? "last" : last) + " does not fit the image's " + n
				+ " " + (alongT ? "frames" : "slices") + "; give first and last between 1 and " + n + ".");
		List<Plane> planes = new ArrayList<>();
		for (int i = first; i <= to; i++)
			planes.add(alongT ? new Plane(here.channel, here.slice, i) : new Plane(here.channel, i, here.frame));
		return planes;
	}

	/** Segments {@code prompts.get(i)} on {@code planes.get(i)}, in order. */
	public static Outcome run(ImagePlus imp, List<Plane> planes, List<Prompt> prompts, SegmentSettings settings,
		boolean labelImage)
	{
		Outcome outcome = new Outcome();
		outcome.labels = labelImage ? new LabelImage(imp) : null;
		StackProgress progress = new StackProgress("plane", planes.size());
		for (int i = 0; i < planes.size(); i++) {
			if (progress.cancelled()) {
				outcome.note = progress.cancelNote(i);
				break;
			}
			SegmentAnything.Result r = SegmentAnything.segmentPlane(imp, planes.get(i), prompts.get(i), settings);
			add(imp, outcome, r, settings);
			progress.done(i + 1);
		}
		progress.finish();
		return outcome;
	}

	/** Adds one plane's result: ROIs out, the best kept mask into the label image. */
	public static void add(ImagePlus imp, Outcome outcome, SegmentAnything.Result r, SegmentSettings settings) {
		outcome.results.add(SegmentAnything.output(imp, r, settings));
		if (outcome.labels != null && !r.rois.isEmpty()) outcome.labels.paint(r.plane, r.rois.get(0).mask);
	}
}
