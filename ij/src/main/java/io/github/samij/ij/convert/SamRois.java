package io.github.samij.ij.convert;

import ij.ImagePlus;
import ij.gui.Roi;

import io.github.samij.core.SamException;
import io.github.samij.core.instances.Instances;
import io.github.samij.core.mask.Mask;
import io.github.samij.core.prompt.Prompt;
import io.github.samij.ij.Plane;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SAM masks as ImageJ ROIs: traced pixel-exactly (holes kept), named
 * {@code SAM <rank>/<count> <scale> IoU=<iou> S=<stability>}, the same numbers as ROI properties
 * ({@code sam_rank}, {@code sam_count}, {@code sam_scale}, {@code sam_iou}, {@code sam_stability},
 * {@code sam_token}, {@code sam_area}, {@code sam_prompt}), stroke coloured by rank, and positioned
 * on their plane (C, Z, T). Stateless and thread-safe.
 */
public final class SamRois {

	/** The ROI property holding the prompt a ROI's mask came from. */
	public static final String PROMPT = "sam_prompt";

	private SamRois() { }

	/** One mask as a ROI; the mask is the one SAM returned, or only its pieces under the prompt when so asked. */
	public static final class MaskRoi {
		public final Mask mask;
		public final Roi roi;

		MaskRoi(Mask mask, Roi roi) {
			this.mask = mask;
			this.roi = roi;
		}
	}

	/**
	 * ROIs for {@code masks} (in rank order); empty masks are left out.
	 *
	 * @throws SamException when the calling thread is interrupted (ImageJ's tracing stops then)
	 *
	 * @param returned how many masks SAM returned (the "3" of "1/3"), even if fewer are kept
	 * @param allComponents {@code false} to keep only the pieces under the prompt's foreground
	 *          points (or the box centre)
	 */
	public static List<MaskRoi> of(List<Mask> masks, int returned, Prompt prompt, Plane plane, ImagePlus imp,
		boolean allComponents)
	{
		// The masks are traced in parallel: tracing is most of the ImageJ layer's share of a click.
		List<MaskRoi> out = new ArrayList<>(masks.size());
		masks.parallelStream().map(m -> roi(allComponents ? m : underPrompt(m, prompt), returned, prompt, plane, imp))
			.forEachOrdered(r -> {
				if (r != null) out.add(r);
			});
		return out;
	}

	/**
	 * ROIs for the objects of a Segment All result, by label: named {@code SAM #<label> IoU=… S=…},
	 * with the properties {@code sam_label}, {@code sam_iou}, {@code sam_stability},
	 * {@code sam_token}, {@code sam_area} and {@code sam_prompt} (the point it was found from), on
	 * their plane.
	 *
	 * @throws SamException when the calling thread is interrupted
	 */
	public static List<MaskRoi> objects(Instances found, Plane plane, ImagePlus imp) {
		List<MaskRoi> out = new ArrayList<>(found.count());
		found.objects().parallelStream().map(o -> {
			Mask m = found.mask(o);
			MaskRoi r = roi(m, plane, imp);
			Roi roi = r.roi;
			roi.setName(String.format(Locale.ROOT, "SAM #%d IoU=%.2f S=%.2f", o.label(), m.iou(), m.stability()));
			roi.setProperty("sam_label", Integer.toString(o.label()));
			scores(roi, m);
			roi.setProperty(PROMPT, Prompt.point(o.promptX(), o.promptY()).toString());
			roi.setStrokeColor(RankColors.of(1));
			return r;
		}).forEachOrdered(out::add);
		return out;
	}

	private static MaskRoi roi(Mask m, int returned, Prompt prompt, Plane plane, ImagePlus imp) {
		if (m.isEmpty()) return null;
		MaskRoi r = roi(m, plane, imp);
		name(r.roi, m, returned, prompt);
		return r;
	}

	/** The mask traced into a ROI on its plane, not yet named. */
	private static MaskRoi roi(Mask m, Plane plane, ImagePlus imp) {
		// Traced on the mask's own bounding box, which is known: no image-sized array, no scan for it.
		int[] w = m.window(), b = m.bbox();
		Roi roi = MaskRois.toRoi(m.pixels(), w[2], w[3], new int[] { b[0] - w[0], b[1] - w[1], b[2], b[3] }, w[0], w[1]);
		// ImageJ's tracing gives up on an interrupted thread (an aborted macro, a cancelled batch):
		// then none of the ROIs may be used, not the ones other threads happened to trace.
		if (roi == null) throw new SamException("Interrupted while tracing the masks into ROIs; nothing was added.");
		plane.apply(roi, imp);
		return new MaskRoi(m, roi);
	}

	/** The pieces of the mask under the prompt's foreground points (or the box centre). */
	private static Mask underPrompt(Mask m, Prompt prompt) {
		int[] w = m.window();
		return m.withPixels(MaskRois.componentsNear(m.pixels(), w[2], w[3], anchors(prompt, w[0], w[1])));
	}

	private static void name(Roi roi, Mask m, int count, Prompt prompt) {
		roi.setName(String.format(Locale.ROOT, "SAM %d/%d %s IoU=%.2f S=%.2f", m.rank(), count, m.scale(), m.iou(),
			m.stability()));
		roi.setProperty("sam_rank", Integer.toString(m.rank()));
		roi.setProperty("sam_count", Integer.toString(count));
		roi.setProperty("sam_scale", m.scale().toString());
		scores(roi, m);
		roi.setProperty(PROMPT, prompt.toString());
		roi.setStrokeColor(RankColors.of(m.rank()));
	}

	private static void scores(Roi roi, Mask m) {
		roi.setProperty("sam_iou", String.format(Locale.ROOT, "%.4f", m.iou()));
		roi.setProperty("sam_stability", String.format(Locale.ROOT, "%.4f", m.stability()));
		roi.setProperty("sam_token", Integer.toString(m.token()));
		roi.setProperty("sam_area", Long.toString(m.area()));
	}

	/** The prompt's foreground points (or the box centre), in the coordinates of a window at (x0, y0). */
	private static int[][] anchors(Prompt prompt, int x0, int y0) {
		List<int[]> points = new ArrayList<>();
		for (Prompt.Point p : prompt.points())
			if (p.foreground) points.add(new int[] { (int) p.x - x0, (int) p.y - y0 });
		if (points.isEmpty() && prompt.box() != null) {
			Prompt.Box b = prompt.box();
			points.add(new int[] { (int) ((b.x0 + b.x1) / 2) - x0, (int) ((b.y0 + b.y1) / 2) - y0 });
		}
		return points.toArray(new int[0][]);
	}
}
