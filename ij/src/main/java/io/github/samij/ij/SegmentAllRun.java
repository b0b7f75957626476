package io.github.samij.ij;

import ij.IJ;
import ij.ImagePlus;

import io.github.samij.core.SamException;
import io.github.samij.core.instances.Instances;
import io.github.samij.core.instances.SegmentAll;
import io.github.samij.core.instances.SegmentAllSettings;
import io.github.samij.ij.convert.ImageInput;
import io.github.samij.ij.convert.SamRois;
import io.github.samij.ij.output.InstanceLabels;
import io.github.samij.ij.output.LabelImage;
import io.github.samij.ij.output.RoiOutput;
import io.github.samij.ij.output.SamResults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * Segment All in ImageJ: every object of some planes of an image ({@link SegmentAll}), the planes
 * one by one, each one's objects going out as it finishes — into one label image with a plane per
 * slice and frame (labels 1..K on each plane; 16-bit, 32-bit past 65,535 objects) and/or as ROIs
 * named {@code SAM #k IoU=… S=…} into the ROI Manager (the overlay without a display), with a
 * row per object in the {@value SamResults#TITLE} table. Escape stops between prompts: the plane
 * in progress is dropped whole, the finished ones are kept. Use from one thread.
 */
public final class SegmentAllRun {

	public static final String OUTPUT_LABELS = "label image";
	public static final String OUTPUT_MANAGER = "ROI Manager";
	public static final String OUTPUT_BOTH = "both";
	public static final String[] OUTPUTS = { OUTPUT_BOTH, OUTPUT_LABELS, OUTPUT_MANAGER };

	private SegmentAllRun() { }

	/** What SAM sees and which model: the options Segment All shares with the other commands. */
	public static final class Source {
		final int[] channels;
		final String model;

		/** @param channels as {@link ImageInput#parseChannels} reads them; @param model a folder, or empty for the default */
		public Source(int[] channels, String model) {
			this.channels = channels;
			this.model = model == null ? "" : model.trim();
		}
	}

	/** One plane's objects and their ROIs. */
	public static final class PlaneResult {
		public final Plane plane;
		public final Instances instances;
		/** By label: {@code rois.get(k - 1)} is object k. */
		public final List<SamRois.MaskRoi> rois;

		PlaneResult(Plane plane, Instances instances, List<SamRois.MaskRoi> rois) {
			this.plane = plane;
			this.instances = instances;
			this.rois = rois;
		}
	}

	/** What a run produced. */
	public static final class Outcome {
		public final List<PlaneResult> planes = new ArrayList<>();
		/** The label image, or {@code null} when not asked for. */
		public LabelImage labels;
		/** Why the run stopped early, or {@code null}. */
		public String note;

		public int objects() {
			int n = 0;
			for (PlaneResult p : planes) n += p.instances.count();
			return n;
		}
	}

	/** The output choice as given; a clear message for anything else. */
	public static String output(String text) {
		for (String o : OUTPUTS)
			if (o.equalsIgnoreCase(text == null ? "" : text.trim())) return o;
		throw new SamException("Unknown output '" + text + "': use 'both', 'label image' or 'ROI Manager'.");
	}

	/**
	 * Every object of one plane, nothing added anywhere (the building block of runs and macros).
	 *
	 * @throws CancellationException when Escape was pressed meanwhile
	 */
	public static PlaneResult segmentPlane(ImagePlus imp, Plane plane, SegmentAllSettings settings, Source source) {
		SegmentAll all = new SegmentAll(Models.get(source.model), settings);
		Instances found = all.run(ImageInput.source(imp, plane, source.channels), Models.statusBar(), IJ::escapePressed);
		return new PlaneResult(plane, found, SamRois.objects(found, plane, imp));
	}

	/** Segments every object of {@code planes} and puts them out as {@code output} says ({@link #OUTPUTS}). */
	public static Outcome run(ImagePlus imp, List<Plane> planes, SegmentAllSettings settings, Source source, String output) {
		String out = output(output);
		Outcome outcome = new Outcome();
		outcome.labels = out.equals(OUTPUT_MANAGER) ? null : new LabelImage(imp);
		StackProgress progress = new StackProgress("plane", planes.size());
		for (int i = 0; i < planes.size(); i++) {
			PlaneResult r;
			try {
				if (progress.cancelled()) throw new CancellationException();
				r = segmentPlane(imp, planes.get(i), settings, source);
			}
			catch (CancellationException e) {
				outcome.note = progress.cancelNote(i);
				break;
			}
			outcome.planes.add(r);
			if (outcome.labels != null) outcome.labels.put(r.plane, r.instances);
			if (!out.equals(OUTPUT_LABELS) && !r.rois.isEmpty()) RoiOutput.add(imp, r.rois, toManager());
			if (!r.rois.isEmpty()) SamResults.add(imp, r.plane, r.rois);
			for (String n : r.instances.notes()) IJ.log(Feedback.TITLE + ": " + (planes.size() > 1 ? r.plane + ": " : "") + n);
			progress.done(i + 1);
		}
		progress.finish();
		return outcome;
	}

	/** Shows the label image and says how it went (status bar; the log when stopped early or headless). */
	public static void report(Outcome outcome) {
		if (outcome.labels != null && !outcome.planes.isEmpty()) {
			outcome.labels.image().show();
			InstanceLabels.link(outcome.labels.source(), outcome.labels.image()); // live mode corrects it
		}
		String summary = String.format(Locale.ROOT, "Segment All: %d object(s) on %d plane(s)%s.", outcome.objects(),
			outcome.planes.size(), outcome.labels != null ? " in " + outcome.labels.image().getTitle() : "");
		IJ.showStatus(summary);
		if (outcome.note != null || java.awt.GraphicsEnvironment.isHeadless()) IJ.log(summary + (outcome.note == null ? "" : " " + outcome.note));
	}

	private static SegmentSettings toManager() {
		SegmentSettings s = new SegmentSettings();
		s.toRoiManager = true;
		return s;
	}
}
