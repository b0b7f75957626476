package io.github.samij.ij.output;

import ij.ImagePlus;
import ij.process.ImageProcessor;

import io.github.samij.core.instances.Instances;
import io.github.samij.core.mask.Mask;
import io.github.samij.ij.Plane;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * The Segment All label image of each image, while it is open, so that live mode can correct it
 * the way users correct an automatic result: a kept mask is appended as a new label (on the
 * background only: the objects already there stay whole), and the label under the mouse can be
 * removed. The label images are those {@link io.github.samij.ij.SegmentAllRun} showed: one plane
 * per slice and frame of the image.
 * <p>
 * Thread-safe registry; the edits change the label image's pixels, so call them where ImageJ's
 * images are changed (the event dispatch thread for live mode).
 */
public final class InstanceLabels {

	/** The label image and whether it was shown when linked (then its window going means it was closed). */
	private static final class Link {
		final ImagePlus labels;
		final boolean shown;

		Link(ImagePlus labels) {
			this.labels = labels;
			this.shown = labels.getWindow() != null;
		}

		boolean open() {
			return shown ? labels.getWindow() != null : labels.getProcessor() != null;
		}
	}

	private static final Map<ImagePlus, Link> LINKED = new WeakHashMap<>();

	private InstanceLabels() { }

	/** Remembers {@code labels} (shown by now, unless there is no display) as the Segment All label image of {@code source}. */
	public static synchronized void link(ImagePlus source, ImagePlus labels) {
		LINKED.put(source, new Link(labels));
	}

	/** The label image of {@code source} if one is linked and still open; else {@code null}. */
	public static synchronized ImagePlus of(ImagePlus source) {
		Link link = LINKED.get(source);
		if (link == null) return null;
		if (link.open()) return link.labels;
		LINKED.remove(source);
		return null;
	}

	/**
	 * Paints {@code mask} into {@code plane} of the label image as a new label (one more than the
	 * highest there), on background pixels only; returns the label, or 0 when the mask covers no
	 * background.
	 */
	public static int append(ImagePlus labels, Plane plane, Mask mask) {
		ImageProcessor ip = processor(labels, plane);
		int width = ip.getWidth(), highest = 0;
		for (int i = 0; i < width * ip.getHeight(); i++) highest = Math.max(highest, (int) ip.getf(i));
		int label = highest + 1;
		if (ip.getBitDepth() == 16 && label > Instances.MAX_16_BIT_LABELS) return 0;
		int[] w = mask.window();
		byte[] inside = mask.pixels();
		int painted = 0;
		for (int j = 0; j < w[3]; j++)
			for (int k = 0; k < w[2]; k++) {
				int i = (w[1] + j) * width + w[0] + k;
				if (inside[j * w[2] + k] != 0 && ip.getf(i) == 0) {
					ip.setf(i, label);
					painted++;
				}
			}
		if (painted == 0) return 0;
		labels.setDisplayRange(0, Math.max(labels.getDisplayRangeMax(), label));
		labels.updateAndDraw();
		return label;
	}

	/** Removes the label at (x, y) of {@code plane}: its pixels become background. Returns it, or 0 on background. */
	public static int remove(ImagePlus labels, Plane plane, int x, int y) {
		ImageProcessor ip = processor(labels, plane);
		if (x < 0 || y < 0 || x >= ip.getWidth() || y >= ip.getHeight()) return 0;
		float label = ip.getf(x, y);
		if (label == 0) return 0;
		int n = ip.getWidth() * ip.getHeight();
		for (int i = 0; i < n; i++)
			if (ip.getf(i) == label) ip.setf(i, 0);
		labels.updateAndDraw();
		return (int) label;
	}

	private static ImageProcessor processor(ImagePlus labels, Plane plane) {
		return labels.getStack().getProcessor(labels.getStackIndex(1, plane.slice, plane.frame));
	}
}
