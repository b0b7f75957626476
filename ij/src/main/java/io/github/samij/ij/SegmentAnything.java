package io.github.samij.ij;

import ij.ImagePlus;

import io.github.samij.core.SamException;
import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.prompt.Prompt;
import io.github.samij.ij.convert.ImageInput;
import io.github.samij.ij.convert.PromptInput;
import io.github.samij.ij.convert.SamRois;
import io.github.samij.ij.output.RoiOutput;
import io.github.samij.ij.output.SamResults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one façade the ImageJ entry points share (SciJava command, ImageJ 1 plugin, macros, tests):
 * prompt from the image's selection, SAM on its current plane, masks as ranked ROIs into the ROI
 * Manager and/or the overlay, one row per ROI in the {@value SamResults#TITLE} table.
 * <p>
 * Everything is computed before anything is added, so a run that fails leaves the ROI Manager, the
 * overlay and the table as they were; the ROI Manager is only ever appended to.
 * <p>
 * Call from one thread at a time per image (ImageJ's ROI Manager and tables are not thread-safe).
 */
public final class SegmentAnything {

	private SegmentAnything() { }

	/** What one plane's run produced. */
	public static final class Result {
		public final Plane plane;
		public final Prompt prompt;
		public final Prediction prediction;
		/** The ROIs of the masks that passed the thresholds, in rank order, positioned on the plane. */
		public final List<SamRois.MaskRoi> rois;
		/** Where the ROIs went, e.g. "3 SAM mask(s) added to the ROI Manager.", or why nothing was added. */
		public final String summary;

		Result(Plane plane, Prompt prompt, Prediction prediction, List<SamRois.MaskRoi> rois, String summary) {
			this.plane = plane;
			this.prompt = prompt;
			this.prediction = prediction;
			this.rois = rois;
			this.summary = summary;
		}
	}

	/** Segments what the image's selection (and the ROI Manager's selected ROIs) prompt, and adds the ROIs. */
	public static Result segment(ImagePlus imp, SegmentSettings settings) {
		if (imp == null) throw noImage();
		return segment(imp, PromptInput.from(imp), settings);
	}

	/** The message for a run without an image. */
	public static SamException noImage() {
		return new SamException("No image is open: open an image, then " + PromptInput.WHAT_TO_DRAW);
	}

	/** Segments {@code prompt} on the image's current plane and adds the ROIs. */
	public static Result segment(ImagePlus imp, Prompt prompt, SegmentSettings settings) {
		return output(imp, segmentPlane(imp, Plane.current(imp), prompt, settings), settings);
	}

	/**
	 * Segments {@code prompt} on one plane without adding anything anywhere: the building block of
	 * stack and batch runs, which add each plane's ROIs as it finishes.
	 */
	public static Result segmentPlane(ImagePlus imp, Plane plane, Prompt prompt, SegmentSettings settings) {
		prompt.checkInside(imp.getWidth(), imp.getHeight());
		Prediction prediction = Models.get(settings.model).segment(ImageInput.source(imp, plane, settings.channels), prompt,
			settings.mode, settings.ranking, settings.crop);

		List<Mask> kept = new ArrayList<>();
		for (Mask m : prediction.masks())
			if (m.iou() >= settings.minIou && m.stability() >= settings.minStability) kept.add(m);
		if (settings.bestOnly && kept.size() > 1) kept = kept.subList(0, 1);
		List<SamRois.MaskRoi> rois = SamRois.of(kept, prediction.masks().size(), prompt, plane, imp, settings.allComponents);
		String summary = rois.isEmpty() ? String.format(Locale.ROOT, "No mask passed min_iou=%s and min_stability=%s "
			+ "(SAM returned %s); lower the thresholds.", settings.minIou, settings.minStability, describe(prediction)) : null;
		return new Result(plane, prompt, prediction, rois, summary);
	}

	/** The same result keeping only one of its ROIs (e.g. the mask a propagation follows). */
	public static Result only(Result r, SamRois.MaskRoi keep) {
		return new Result(r.plane, r.prompt, r.prediction, java.util.Collections.singletonList(keep), null);
	}

	/** Adds a plane's ROIs to the ROI Manager and/or overlay and the results table. */
	public static Result output(ImagePlus imp, Result r, SegmentSettings settings) {
		if (r.rois.isEmpty()) return r;
		String where = RoiOutput.add(imp, r.rois, settings);
		SamResults.add(imp, r.plane, r.rois);
		return new Result(r.plane, r.prompt, r.prediction, r.rois, r.rois.size() + " SAM mask(s) added to the " + where + ".");
	}

	private static String describe(Prediction p) {
		StringBuilder s = new StringBuilder();
		for (Mask m : p.masks())
			s.append(s.length() > 0 ? ", " : "").append(String.format(Locale.ROOT, "IoU %.2f S %.2f", m.iou(), m.stability()));
		return s.toString();
	}
}
