package io.github.samij.core.instances;

import io.github.samij.core.mask.Mask;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Resolves overlapping candidate masks into an instance label image, each pixel one object:
 * <ol>
 * <li>duplicates go by non-maximum suppression on the masks' boxes, as in SAM's automatic mask
 * generator: from the highest predicted IoU down, a mask whose box overlaps a kept one's at
 * IoU above {@value #BOX_NMS} is dropped;</li>
 * <li>the rest are painted largest first, so a smaller object lies on top of a larger one that
 * contains it;</li>
 * <li>a mask left with less than half of its pixels visible is a union of the objects painted over
 * it (a cluster, a whole cell around its nucleus) or their duplicate, and is dropped, as is one
 * left with fewer than {@code min_area} pixels;</li>
 * <li>labels are numbered 1, 2, … in the raster order of each object's first pixel, as ImageJ's
 * particle analysis numbers them.</li>
 * </ol>
 * Memory: the label image and, per candidate, its compact mask. Stateless and thread-safe.
 */
final class Overlaps {

	/** SAM's {@code box_nms_thresh}. */
	static final double BOX_NMS = 0.7;

	private Overlaps() { }

	/** The label image (row-major) and its objects, by label. */
	static final class Resolved {
		final int[] labels;
		final List<Instance> objects;

		Resolved(int[] labels, List<Instance> objects) {
			this.labels = labels;
			this.objects = objects;
		}
	}

	static Resolved resolve(List<Candidate> candidates, int width, int height, long minArea) {
		List<Candidate> kept = suppress(candidates);
		kept.sort(Comparator.comparingLong((Candidate c) -> c.mask.area()).reversed());
		// Paint: owner[i] = index in kept + 1.
		int[] owner = new int[width * height];
		for (int k = 0; k < kept.size(); k++) {
			Mask m = kept.get(k).mask;
			int[] w = m.window();
			byte[] px = m.pixels();
			for (int y = 0; y < w[3]; y++)
				for (int x = 0; x < w[2]; x++)
					if (px[y * w[2] + x] != 0) owner[(w[1] + y) * width + w[0] + x] = k + 1;
		}
		long[] visible = new long[kept.size() + 1];
		for (int o : owner) visible[o]++;
		boolean[] drop = new boolean[kept.size() + 1];
		for (int k = 1; k <= kept.size(); k++)
			drop[k] = 2 * visible[k] < kept.get(k - 1).mask.area() || visible[k] < Math.max(1, minArea);
		// Renumber in raster order; measure each object's box.
		int[] label = new int[kept.size() + 1];
		List<int[]> boxes = new ArrayList<>(); // minX, minY, maxX, maxY
		List<Integer> sources = new ArrayList<>(); // the painted index of each label
		for (int y = 0, i = 0; y < height; y++)
			for (int x = 0; x < width; x++, i++) {
				int o = owner[i];
				if (o == 0 || drop[o]) {
					owner[i] = 0;
					continue;
				}
				if (label[o] == 0) {
					label[o] = boxes.size() + 1;
					boxes.add(new int[] { x, y, x, y });
					sources.add(o);
				}
				int l = label[o];
				int[] b = boxes.get(l - 1);
				b[0] = Math.min(b[0], x);
				b[2] = Math.max(b[2], x);
				b[3] = y;
				owner[i] = l;
			}
		List<Instance> objects = new ArrayList<>(boxes.size());
		for (int l = 1; l <= boxes.size(); l++) {
			int[] b = boxes.get(l - 1);
			int o = sources.get(l - 1);
			Candidate c = kept.get(o - 1);
			objects.add(new Instance(l, c.mask.token(), c.mask.iou(), c.mask.stability(), visible[o],
				new int[] { b[0], b[1], b[2] - b[0] + 1, b[3] - b[1] + 1 }, c.x, c.y));
		}
		return new Resolved(owner, objects);
	}

	/** Box non-maximum suppression: highest predicted IoU first (then stability, then the earlier candidate). */
	static List<Candidate> suppress(List<Candidate> candidates) {
		List<Candidate> byScore = new ArrayList<>(candidates);
		byScore.sort(Comparator.comparingDouble((Candidate c) -> -c.mask.iou()).thenComparingDouble(c -> -c.mask.stability()));
		List<Candidate> kept = new ArrayList<>();
		for (Candidate c : byScore) {
			boolean duplicate = false;
			for (Candidate k : kept)
				if (boxIou(c.mask.bbox(), k.mask.bbox()) > BOX_NMS) {
					duplicate = true;
					break;
				}
			if (!duplicate) kept.add(c);
		}
		return kept;
	}

	/** IoU of two masks, whatever their windows. */
	static double maskIou(Mask a, Mask b) {
		if (a.area() + b.area() == 0) return 0;
		int[] wa = a.window(), wb = b.window();
		int x0 = Math.max(wa[0], wb[0]), y0 = Math.max(wa[1], wb[1]);
		int x1 = Math.min(wa[0] + wa[2], wb[0] + wb[2]), y1 = Math.min(wa[1] + wa[3], wb[1] + wb[3]);
		byte[] pa = a.pixels(), pb = b.pixels();
		long inter = 0;
		for (int y = y0; y < y1; y++)
			for (int x = x0; x < x1; x++)
				if (pa[(y - wa[1]) * wa[2] + x - wa[0]] != 0 && pb[(y - wb[1]) * wb[2] + x - wb[0]] != 0) inter++;
		return (double) inter / (a.area() + b.area() - inter);
	}

	/** IoU of two boxes {x, y, width, height}. */
	static double boxIou(int[] a, int[] b) {
		long iw = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
		long ih = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
		if (iw <= 0 || ih <= 0) return 0;
		double inter = (double) iw * ih;
		return inter / ((double) a[2] * a[3] + (double) b[2] * b[3] - inter);
	}
}
