package io.github.samij.core.mask;

import io.github.samij.core.image.Framing;
import io.github.samij.core.image.Preprocessor;
import io.github.samij.core.prompt.Crop;
import io.github.samij.core.prompt.Prompt;

import java.util.Arrays;

/**
 * Turns SAM's 256 × 256 low-res logits into a full-size binary mask exactly as the official export
 * does in its graph — bilinear to 1024², crop to the resized image, bilinear to the original size
 * (both steps PyTorch's {@code align_corners=False}) — but composes the two steps into one sparse
 * linear map per axis, so no 1024² intermediate is ever built. The stability score is counted in
 * the same pass. Immutable and thread-safe once built for one image geometry (the size of what was
 * encoded: an image, or a window of one).
 */
public final class MaskUpscaler {

	private static final int LOW = Prompt.LOW_RES;

	private final int width;
	private final int height;
	private final Framing framing;
	private final Taps alongX;
	private final Taps alongY;

	/** The upscaler for an encoded image (or window) of width × height pixels, framed by {@code framing}. */
	public MaskUpscaler(int width, int height, Framing framing) {
		int[] resized = framing.resizedSize(width, height);
		this.width = width;
		this.height = height;
		this.framing = framing;
		this.alongX = Taps.compose(LOW, Preprocessor.SIDE, resized[0], width);
		this.alongY = Taps.compose(LOW, Preprocessor.SIDE, resized[1], height);
	}

	/** {@code true} when this upscaler is the one for an encoded image of that size and framing. */
	public boolean fits(int width, int height, Framing framing) {
		return this.width == width && this.height == height && this.framing == framing;
	}

	/**
	 * Low-res logits at or below this cannot lift any output pixel above −1: the composed bilinear
	 * weights are non-negative and sum to 1, so an output pixel is at most the largest logit among its
	 * taps. The margin below −1 covers float rounding of the weights.
	 */
	private static final float FLOOR = -1.001f;

	/**
	 * A full-size mask from one token's low-res logits, with area, bounding box and stability, not
	 * yet ranked (rank 0, {@link Scale#SINGLE}). Only the output rectangle reached by low-res logits
	 * above {@link #FLOOR} is computed; every pixel outside it is at most −1, so outside the mask and
	 * not counted by the stability score. The pixels computed are the same, bit for bit, as those of a
	 * full pass.
	 *
	 * @param window where the encoded window lies in the image ({@code null}: it is the image); the
	 *          mask keeps the window's size, and its bounding box is in image coordinates
	 */
	public Mask upscale(float[] lowRes, int token, float iou, Crop window) {
		return upscale(lowRes, token, iou, window, false);
	}

	/**
	 * The same mask as {@link #upscale(float[], int, float, Crop)}, its pixels covering only the
	 * rectangle the logits reach (the mask's bounding box and a pixel or two around it) instead of
	 * the window, and without low-res logits: what a mask costs when many are held at once.
	 */
	public Mask upscaleCompact(float[] lowRes, int token, float iou, Crop window) {
		return upscale(lowRes, token, iou, window, true);
	}

	private Mask upscale(float[] lowRes, int token, float iou, Crop window, boolean compact) {
		int ox = window == null ? 0 : window.x, oy = window == null ? 0 : window.y;
		int imageWidth = window == null ? width : window.imageWidth, imageHeight = window == null ? height : window.imageHeight;
		int lx0 = LOW, lx1 = -1, ly0 = LOW, ly1 = -1;
		for (int y = 0; y < LOW; y++) {
			int base = y * LOW;
			for (int x = 0; x < LOW; x++)
				if (lowRes[base + x] > FLOOR) {
					if (x < lx0) lx0 = x;
					if (x > lx1) lx1 = x;
					if (y < ly0) ly0 = y;
					ly1 = y;
				}
		}
		int[] cols = lx1 < 0 ? null : alongX.reaching(lx0, lx1), rows = lx1 < 0 ? null : alongY.reaching(ly0, ly1);
		// No logit above the floor, or a small image that does not sample the low-res cells holding the mask.
		if (cols == null || cols[0] < 0 || rows[0] < 0) {
			if (compact) return new Mask(token, 0, Scale.SINGLE, iou, 0, 0, new int[4], Crop.of(ox, oy, 1, 1, imageWidth,
				imageHeight), 1, 1, new byte[1], null);
			return new Mask(token, 0, Scale.SINGLE, iou, 0, 0, new int[4], window, width, height, new byte[width * height],
				window == null ? lowRes : null);
		}
		int j0 = cols[0], cw = cols[1] - cols[0] + 1, i0 = rows[0], rh = rows[1] - rows[0] + 1;
		int[] sources = alongY.sources(rows[0], rows[1]);
		int s0 = sources[0], sh = sources[1] - sources[0] + 1;
		float[] halfway = new float[sh * cw];
		for (int y = 0; y < sh; y++)
			alongX.apply(lowRes, (s0 + y) * LOW, j0, cw, halfway, y * cw);
		// Compact: the rectangle itself; otherwise the whole window, the rectangle placed in it.
		int pw = compact ? cw : width, px0 = compact ? 0 : j0, py0 = compact ? 0 : i0;
		byte[] pixels = new byte[compact ? cw * rh : width * height];
		float[] row = new float[cw];
		long area = 0, above1 = 0, aboveMinus1 = 0;
		int minX = width, minY = height, maxX = -1, maxY = -1;
		for (int y = i0; y <= rows[1]; y++) {
			alongY.row(halfway, cw, s0, y, row);
			int base = (py0 + y - i0) * pw + px0;
			for (int k = 0; k < cw; k++) {
				float v = row[k];
				if (v > -1) {
					aboveMinus1++;
					if (v > 1) above1++;
					if (v > 0) {
						pixels[base + k] = Mask.INSIDE;
						area++;
						int x = j0 + k;
						if (x < minX) minX = x;
						if (x > maxX) maxX = x;
						if (y < minY) minY = y;
						maxY = y;
					}
				}
			}
		}
		int[] bbox = area == 0 ? new int[4] : new int[] { ox + minX, oy + minY, maxX - minX + 1, maxY - minY + 1 };
		float stability = aboveMinus1 == 0 ? 0 : (float) above1 / aboveMinus1;
		if (compact) return new Mask(token, 0, Scale.SINGLE, iou, stability, area, bbox, Crop.of(ox + j0, oy + i0, cw, rh,
			imageWidth, imageHeight), cw, rh, pixels, null);
		return new Mask(token, 0, Scale.SINGLE, iou, stability, area, bbox, window, width, height, pixels,
			window == null ? lowRes : null);
	}

	/** For each output index, the input indices and weights that produce it (at most four). */
	static final class Taps {
		final int[][] index;
		final float[][] weight;
		/** The same taps, four per output (padded with weight 0), in flat arrays for the hot loop of {@link #apply}. */
		private final int[] flatIndex;
		private final float[] flatWeight;

		private Taps(int[][] index, float[][] weight) {
			this.index = index;
			this.weight = weight;
			this.flatIndex = new int[4 * index.length];
			this.flatWeight = new float[4 * index.length];
			for (int j = 0; j < index.length; j++)
				for (int k = 0; k < 4; k++) {
					boolean real = k < index[j].length;
					flatIndex[4 * j + k] = index[j][real ? k : index[j].length - 1];
					flatWeight[4 * j + k] = real ? weight[j][k] : 0;
				}
		}

		/**
		 * {@code low → frame} bilinear, crop to {@code [0, crop)}, then {@code crop → out} bilinear,
		 * as one map from {@code low} inputs to {@code out} outputs.
		 */
		static Taps compose(int low, int frame, int crop, int out) {
			int[][] index = new int[out][];
			float[][] weight = new float[out][];
			double[] first = new double[2], second = new double[2];
			int[] firstIndex = new int[2], secondIndex = new int[2];
			for (int j = 0; j < out; j++) {
				linear(crop, out, j, secondIndex, second);
				int[] idx = new int[4];
				float[] w = new float[4];
				int n = 0;
				for (int a = 0; a < 2; a++) {
					linear(low, frame, secondIndex[a], firstIndex, first);
					for (int b = 0; b < 2; b++) {
						float wk = (float) (second[a] * first[b]);
						int k = indexOf(idx, n, firstIndex[b]);
						if (k < 0) {
							idx[n] = firstIndex[b];
							w[n++] = wk;
						}
						else w[k] += wk;
					}
				}
				index[j] = Arrays.copyOf(idx, n);
				weight[j] = Arrays.copyOf(w, n);
			}
			return new Taps(index, weight);
		}

		/** PyTorch bilinear, {@code align_corners=False}: the two source indices and weights of output {@code j}. */
		private static void linear(int in, int out, int j, int[] index, double[] weight) {
			double src = Math.max(0, (j + 0.5) * in / out - 0.5);
			int i0 = Math.min((int) src, in - 1);
			int i1 = Math.min(i0 + 1, in - 1);
			double lambda = src - i0;
			index[0] = i0;
			index[1] = i1;
			weight[0] = 1 - lambda;
			weight[1] = lambda;
		}

		private static int indexOf(int[] idx, int n, int value) {
			for (int k = 0; k < n; k++)
				if (idx[k] == value) return k;
			return -1;
		}

		/** The first and last output index with a tap in {@code [from, to]}. */
		int[] reaching(int from, int to) {
			int first = -1, last = -1;
			for (int j = 0; j < index.length; j++)
				for (int i : index[j])
					if (i >= from && i <= to) {
						if (first < 0) first = j;
						last = j;
						break;
					}
			return new int[] { first, last };
		}

		/** The lowest and highest input index the outputs {@code [from, to]} read. */
		int[] sources(int from, int to) {
			int lo = Integer.MAX_VALUE, hi = -1;
			for (int j = from; j <= to; j++)
				for (int i : index[j]) {
					lo = Math.min(lo, i);
					hi = Math.max(hi, i);
				}
			return new int[] { lo, hi };
		}

		/** Outputs {@code [first, first + count)} along a row: {@code out[outOffset + j - first] = Σ w · in[inOffset + i]}. */
		void apply(float[] in, int inOffset, int first, int count, float[] out, int outOffset) {
			int[] fi = flatIndex;
			float[] fw = flatWeight;
			// Summed in tap order, as a loop over the taps would; padding adds exact zeros.
			for (int j = first, f = 4 * first; j < first + count; j++, f += 4) {
				float v = 0;
				v += fw[f] * in[inOffset + fi[f]];
				v += fw[f + 1] * in[inOffset + fi[f + 1]];
				v += fw[f + 2] * in[inOffset + fi[f + 2]];
				v += fw[f + 3] * in[inOffset + fi[f + 3]];
				out[outOffset + j - first] = v;
			}
		}

		/**
		 * Output row {@code y} of a column-wise map over rows of {@code columns} values, whose first
		 * row holds input row {@code firstRow}.
		 */
		void row(float[] in, int columns, int firstRow, int y, float[] out) {
			int[] idx = index[y];
			float[] w = weight[y];
			Arrays.fill(out, 0, columns, 0);
			for (int k = 0; k < idx.length; k++) {
				int base = (idx[k] - firstRow) * columns;
				float wk = w[k];
				for (int x = 0; x < columns; x++)
					out[x] += wk * in[base + x];
			}
		}
	}
}
