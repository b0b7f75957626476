package io.github.samij.core.instances;

import java.util.Arrays;

/**
 * Connected pieces of binary masks (row-major, non-zero inside): the mask's own pieces
 * 8-connected, the outside's 4-connected (the complement's connectivity, so a diagonal gap does not
 * join two holes). A hole is a piece of the outside that does not touch the edge of the array.
 * Stateless and thread-safe.
 */
public final class Regions {

	private Regions() { }

	/** The pieces of one side of a mask: {@code label[i]} (1..count, raster order of first pixel; 0 other side) and sizes. */
	private static final class Pieces {
		final int[] label;
		final int count;
		final int[] size;
		final boolean[] touchesEdge;

		private Pieces(int[] label, int count, int[] size, boolean[] touchesEdge) {
			this.label = label;
			this.count = count;
			this.size = size;
			this.touchesEdge = touchesEdge;
		}
	}

	/** The 8-connected pieces of the mask, labelled 1, 2, … in the raster order of their first pixel; 0 outside. */
	public static int[] components(byte[] mask, int width, int height) {
		return pieces(mask, width, height, true).label;
	}

	/** A new mask with every hole filled. */
	public static byte[] fillHoles(byte[] mask, int width, int height) {
		Pieces outside = pieces(mask, width, height, false);
		byte[] out = mask.clone();
		for (int i = 0; i < out.length; i++) {
			int l = outside.label[i];
			if (l > 0 && !outside.touchesEdge[l]) out[i] = (byte) 255;
		}
		return out;
	}

	/**
	 * Each pixel's chamfer distance (3 per side step, 4 per diagonal one) to the nearest pixel of
	 * another label (or the array's edge), for a label image; 0 on label 0.
	 */
	static int[] depth(int[] label, int width, int height) {
		int[] d = new int[label.length];
		for (int pass = 0; pass < 2; pass++) {
			boolean forward = pass == 0;
			for (int k = 0; k < label.length; k++) {
				int i = forward ? k : label.length - 1 - k;
				if (label[i] == 0) continue;
				int x = i % width, y = i / width, best = forward ? Integer.MAX_VALUE : d[i];
				int s = forward ? -1 : 1;
				best = Math.min(best, step(d, label, width, height, i, x + s, y, 3));
				best = Math.min(best, step(d, label, width, height, i, x - 1, y + s, 4));
				best = Math.min(best, step(d, label, width, height, i, x, y + s, 3));
				best = Math.min(best, step(d, label, width, height, i, x + 1, y + s, 4));
				d[i] = best;
			}
		}
		return d;
	}

	/** The distance through neighbour (x, y): {@code weight} from another label or outside, else its distance plus {@code weight}. */
	private static int step(int[] d, int[] label, int width, int height, int i, int x, int y, int weight) {
		if (x < 0 || y < 0 || x >= width || y >= height || label[y * width + x] != label[i]) return weight;
		return d[y * width + x] + weight;
	}

	/**
	 * The mask without islands and holes of fewer than {@code minArea} pixels, as SAM's automatic
	 * mask generator cleans its masks ({@code min_mask_region_area}): if every island is small, the
	 * largest stays. Returns {@code mask} itself when nothing changes; never modifies it.
	 */
	static byte[] clean(byte[] mask, int width, int height, long minArea) {
		if (minArea <= 1) return mask;
		Pieces holes = pieces(mask, width, height, false);
		byte[] out = null;
		for (int i = 0; i < mask.length; i++) {
			int l = holes.label[i];
			if (l > 0 && !holes.touchesEdge[l] && holes.size[l] < minArea) {
				if (out == null) out = mask.clone();
				out[i] = (byte) 255;
			}
		}
		byte[] filled = out == null ? mask : out;
		Pieces islands = pieces(filled, width, height, true);
		int largest = 0;
		boolean anyLarge = false;
		for (int l = 1; l <= islands.count; l++) {
			if (islands.size[l] > islands.size[largest]) largest = l;
			anyLarge |= islands.size[l] >= minArea;
		}
		boolean[] remove = new boolean[islands.count + 1];
		boolean removeAny = false;
		for (int l = 1; l <= islands.count; l++) removeAny |= remove[l] = islands.size[l] < minArea && (anyLarge || l != largest);
		if (!removeAny) return filled;
		if (out == null) out = mask.clone();
		for (int i = 0; i < out.length; i++)
			if (remove[islands.label[i]]) out[i] = 0;
		return out;
	}

	/** The pieces of the inside (8-connected) or of the outside (4-connected). */
	private static Pieces pieces(byte[] mask, int width, int height, boolean inside) {
		int[] label = new int[mask.length];
		int[] queue = new int[mask.length];
		int[] size = new int[16];
		boolean[] edge = new boolean[16];
		int count = 0;
		for (int start = 0; start < mask.length; start++) {
			if ((mask[start] != 0) != inside || label[start] != 0) continue;
			count++;
			if (count == size.length) {
				size = Arrays.copyOf(size, 2 * count);
				edge = Arrays.copyOf(edge, 2 * count);
			}
			int head = 0, tail = 0;
			queue[tail++] = start;
			label[start] = count;
			boolean touches = false;
			while (head < tail) {
				int p = queue[head++];
				int px = p % width, py = p / width;
				touches |= px == 0 || py == 0 || px == width - 1 || py == height - 1;
				for (int dy = -1; dy <= 1; dy++)
					for (int dx = -1; dx <= 1; dx++) {
						if ((dx == 0 && dy == 0) || (!inside && dx != 0 && dy != 0)) continue;
						int qx = px + dx, qy = py + dy;
						if (qx < 0 || qy < 0 || qx >= width || qy >= height) continue;
						int q = qy * width + qx;
						if (label[q] != 0 || (mask[q] != 0) != inside) continue;
						label[q] = count;
						queue[tail++] = q;
					}
			}
			size[count] = tail;
			edge[count] = touches;
		}
		return new Pieces(label, count, size, edge);
	}
}
