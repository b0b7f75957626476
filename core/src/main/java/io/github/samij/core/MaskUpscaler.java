package io.github.samij.core;

import java.util.Arrays;

/**
 * Turns SAM's 256 × 256 low-res logits into a full-size binary mask exactly as the official export
 * does in its graph — bilinear to 1024², crop to the resized image, bilinear to the original size
 * (both steps PyTorch's {@code align_corners=False}) — but composes the two steps into one sparse
 * linear map per axis, so no 1024² intermediate is ever built. The stability score is counted in
 * the same pass. Immutable and thread-safe once built for one image geometry.
 */
final class MaskUpscaler {

	private static final int LOW = Prompt.LOW_RES;

	private final int width;
	private final int height;
	private final Taps alongX;
	private final Taps alongY;

	MaskUpscaler(int width, int height, int resizedWidth, int resizedHeight) {
		this.width = width;
		this.height = height;
		this.alongX = Taps.compose(LOW, Preprocessor.SIDE, resizedWidth, width);
		this.alongY = Taps.compose(LOW, Preprocessor.SIDE, resizedHeight, height);
	}

	/** A full-size mask from one token's low-res logits, with area, bounding box and stability. */
	Mask upscale(float[] lowRes, int token, float iou, int rank, Scale scale) {
		float[] halfway = new float[LOW * width];
		for (int y = 0; y < LOW; y++)
			alongX.apply(lowRes, y * LOW, 1, halfway, y * width);
		byte[] pixels = new byte[width * height];
		float[] row = new float[width];
		long area = 0, above1 = 0, aboveMinus1 = 0;
		int minX = width, minY = height, maxX = -1, maxY = -1;
		for (int y = 0; y < height; y++) {
			alongY.row(halfway, width, y, row);
			int base = y * width;
			for (int x = 0; x < width; x++) {
				float v = row[x];
				if (v > -1) {
					aboveMinus1++;
					if (v > 1) above1++;
					if (v > 0) {
						pixels[base + x] = Mask.INSIDE;
						area++;
						if (x < minX) minX = x;
						if (x > maxX) maxX = x;
						if (y < minY) minY = y;
						maxY = y;
					}
				}
			}
		}
		int[] bbox = area == 0 ? new int[4] : new int[] { minX, minY, maxX - minX + 1, maxY - minY + 1 };
		float stability = aboveMinus1 == 0 ? 0 : (float) above1 / aboveMinus1;
		return new Mask(token, rank, scale, iou, stability, area, bbox, width, height, pixels, lowRes);
	}

	/** For each output index, the input indices and weights that produce it (at most four). */
	static final class Taps {
		final int[][] index;
		final float[][] weight;

		private Taps(int[][] index, float[][] weight) {
			this.index = index;
			this.weight = weight;
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

		/** Output along a row: {@code out[outOffset + j] = Σ w · in[inOffset + stride · i]}. */
		void apply(float[] in, int inOffset, int stride, float[] out, int outOffset) {
			for (int j = 0; j < index.length; j++) {
				int[] idx = index[j];
				float[] w = weight[j];
				float v = 0;
				for (int k = 0; k < idx.length; k++)
					v += w[k] * in[inOffset + stride * idx[k]];
				out[outOffset + j] = v;
			}
		}

		/** Output row {@code y} of a column-wise map over rows of {@code columns} values. */
		void row(float[] in, int columns, int y, float[] out) {
			int[] idx = index[y];
			float[] w = weight[y];
			Arrays.fill(out, 0, columns, 0);
			for (int k = 0; k < idx.length; k++) {
				int base = idx[k] * columns;
				float wk = w[k];
				for (int x = 0; x < columns; x++)
					out[x] += wk * in[base + x];
			}
		}
	}
}
