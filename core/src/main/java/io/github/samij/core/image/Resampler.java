package io.github.samij.core.image;

/**
 * Separable resampling with a triangle (bilinear) kernel whose support widens by the shrink factor,
 * the way PIL resizes: plain bilinear when enlarging, antialiased when shrinking, so that a large
 * micrograph reduced to SAM's 1024 pixels keeps thin structures instead of aliasing them. Weights
 * are computed once per axis. Immutable and thread-safe.
 */
final class Resampler {

	private final int inSize;
	private final int outSize;
	private final int[] start;
	private final int[] count;
	private final float[][] weights;

	Resampler(int inSize, int outSize) {
		this.inSize = inSize;
		this.outSize = outSize;
		double scale = (double) inSize / outSize;
		double filterScale = Math.max(scale, 1);
		double support = filterScale; // the triangle kernel reaches 1 input pixel, stretched when shrinking
		start = new int[outSize];
		count = new int[outSize];
		weights = new float[outSize][];
		for (int i = 0; i < outSize; i++) {
			double center = (i + 0.5) * scale;
			int lo = Math.max(0, (int) (center - support + 0.5));
			int hi = Math.min(inSize, (int) (center + support + 0.5));
			float[] w = new float[Math.max(1, hi - lo)];
			double sum = 0;
			for (int k = 0; k < hi - lo; k++) {
				double t = Math.abs((lo + k - center + 0.5) / filterScale);
				w[k] = (float) Math.max(0, 1 - t);
				sum += w[k];
			}
			if (sum > 0) for (int k = 0; k < w.length; k++) w[k] /= sum;
			else w[0] = 1; // degenerate single-pixel case
			start[i] = lo;
			count[i] = w.length;
			weights[i] = w;
		}
	}

	/** Resizes each of {@code rows} rows of {@code in} (row stride {@code inSize}) along x. */
	void rows(byte[] in, int rows, float[] out) {
		for (int y = 0; y < rows; y++) {
			int inRow = y * inSize, outRow = y * outSize;
			for (int x = 0; x < outSize; x++) {
				float[] w = weights[x];
				int s = inRow + start[x];
				float v = 0;
				for (int k = 0; k < w.length; k++)
					v += w[k] * (in[s + k] & 0xff);
				out[outRow + x] = v;
			}
		}
	}

	/**
	 * Resizes along y the {@code columns}-wide rows of {@code in} and hands each output row to
	 * {@code sink} (so callers can normalise and place it without another full-size buffer).
	 */
	void columns(float[] in, int columns, RowSink sink) {
		float[] row = new float[columns];
		for (int y = 0; y < outSize; y++) {
			java.util.Arrays.fill(row, 0);
			float[] w = weights[y];
			for (int k = 0; k < w.length; k++) {
				int s = (start[y] + k) * columns;
				float wk = w[k];
				for (int x = 0; x < columns; x++)
					row[x] += wk * in[s + x];
			}
			sink.accept(y, row);
		}
	}

	/** Receives one finished output row; the array is reused for the next row. */
	interface RowSink {
		void accept(int y, float[] row);
	}
}
