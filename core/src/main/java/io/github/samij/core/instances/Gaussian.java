package io.github.samij.core.instances;

/**
 * Separable Gaussian blur of a grey image, edges extended (the border pixel repeated), as ImageJ's
 * Gaussian Blur treats them. Stateless and thread-safe.
 */
final class Gaussian {

	private Gaussian() { }

	/**
	 * The image blurred with standard deviation {@code sigma} pixels (kernel cut at 3σ).
	 *
	 * @param invert blur {@code 255 − value} instead, so that dark objects become peaks
	 */
	static float[] blur(int[] gray, int width, int height, double sigma, boolean invert) {
		int radius = (int) Math.ceil(3 * sigma);
		float[] kernel = new float[2 * radius + 1];
		double sum = 0;
		for (int k = -radius; k <= radius; k++) sum += kernel[k + radius] = (float) Math.exp(-k * k / (2 * sigma * sigma));
		for (int k = 0; k < kernel.length; k++) kernel[k] /= sum;
		float[] in = new float[gray.length];
		for (int i = 0; i < in.length; i++) in[i] = invert ? 255 - gray[i] : gray[i];
		float[] rows = new float[in.length], out = new float[in.length];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				float v = 0;
				for (int k = -radius; k <= radius; k++) v += kernel[k + radius] * in[y * width + clamp(x + k, width)];
				rows[y * width + x] = v;
			}
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				float v = 0;
				for (int k = -radius; k <= radius; k++) v += kernel[k + radius] * rows[clamp(y + k, height) * width + x];
				out[y * width + x] = v;
			}
		return out;
	}

	private static int clamp(int i, int n) {
		return i < 0 ? 0 : i >= n ? n - 1 : i;
	}
}
