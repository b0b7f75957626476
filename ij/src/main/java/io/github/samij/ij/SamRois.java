package io.github.samij.ij;

import ij.ImagePlus;
import ij.gui.Roi;

import io.github.samij.core.Mask;
import io.github.samij.core.Prompt;
import io.github.samij.core.SamException;

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

	private SamRois() { }

	/** One ROI with the pixels it covers and their area (after keeping only the prompted pieces, if asked). */
	public static final class MaskRoi {
		public final Mask mask;
		public final Roi roi;
		/** Row-major, non-zero inside; the mask's own array when all pieces are kept. Do not modify. */
		public final byte[] pixels;
		public final long area;

		MaskRoi(Mask mask, Roi roi, byte[] pixels, long area) {
			this.mask = mask;
			this.roi = roi;
			this.pixels = pixels;
			this.area = area;
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
		masks.parallelStream().map(m -> roi(m, returned, prompt, plane, imp, allComponents))
			.forEachOrdered(r -> {
				if (r != null) out.add(r);
			});
		return out;
	}

	private static MaskRoi roi(Mask m, int returned, Prompt prompt, Plane plane, ImagePlus imp, boolean allComponents) {
		byte[] pixels = allComponents ? m.pixels()
			: MaskRois.componentsNear(m.pixels(), m.width(), m.height(), anchors(prompt));
		Roi roi = MaskRois.toRoi(pixels, m.width(), m.height());
		// ImageJ's tracing gives up on an interrupted thread (an aborted macro, a cancelled batch):
		// then none of the ROIs may be used, not the ones other threads happened to trace.
		if (roi == null && !m.isEmpty())
			throw new SamException("Interrupted while tracing the masks into ROIs; nothing was added.");
		if (roi == null) return null;
		long area = allComponents ? m.area() : count(pixels);
		name(roi, m, returned, area, prompt);
		plane.apply(roi, imp);
		return new MaskRoi(m, roi, pixels, area);
	}

	private static void name(Roi roi, Mask m, int count, long area, Prompt prompt) {
		roi.setName(String.format(Locale.ROOT, "SAM %d/%d %s IoU=%.2f S=%.2f", m.rank(), count, m.scale(), m.iou(),
			m.stability()));
		roi.setProperty("sam_rank", Integer.toString(m.rank()));
		roi.setProperty("sam_count", Integer.toString(count));
		roi.setProperty("sam_scale", m.scale().toString());
		roi.setProperty("sam_iou", String.format(Locale.ROOT, "%.4f", m.iou()));
		roi.setProperty("sam_stability", String.format(Locale.ROOT, "%.4f", m.stability()));
		roi.setProperty("sam_token", Integer.toString(m.token()));
		roi.setProperty("sam_area", Long.toString(area));
		roi.setProperty("sam_prompt", prompt.toString());
		roi.setStrokeColor(RankColors.of(m.rank()));
	}

	private static int[][] anchors(Prompt prompt) {
		List<int[]> points = new ArrayList<>();
		for (Prompt.Point p : prompt.points())
			if (p.foreground) points.add(new int[] { (int) p.x, (int) p.y });
		if (points.isEmpty() && prompt.box() != null) {
			Prompt.Box b = prompt.box();
			points.add(new int[] { (int) ((b.x0 + b.x1) / 2), (int) ((b.y0 + b.y1) / 2) });
		}
		return points.toArray(new int[0][]);
	}

	private static long count(byte[] pixels) {
		long n = 0;
		for (byte b : pixels) if (b != 0) n++;
		return n;
	}
}
