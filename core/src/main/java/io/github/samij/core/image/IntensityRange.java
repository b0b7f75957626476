package io.github.samij.core.image;

import io.github.samij.core.SamException;

import java.util.Arrays;

/**
 * How 16- and 32-bit intensities become the 0..255 the SAM encoder was trained on: values are
 * mapped linearly so that {@code min} → 0 and {@code max} → 255, and clamped. Which range to take
 * is the caller's visible choice: ImageJ's display range (what the user sees), the data's
 * min/max, or robust percentiles. Immutable and thread-safe.
 */
public final class IntensityRange {

	/** Lower percentile of {@link #percentiles}, the common "saturate 0.35%" choice of ImageJ's auto-contrast. */
	public static final double LOW_PERCENTILE = 0.35;
	public static final double HIGH_PERCENTILE = 99.65;

	private final double min;
	private final double max;

	private IntensityRange(double min, double max) {
		if (!(max >= min) || Double.isInfinite(min) || Double.isInfinite(max))
			throw new SamException("Invalid intensity range [" + min + ", " + max + "]: the maximum must be a finite number not below the minimum.");
		this.min = min;
		this.max = max;
	}

	/** A fixed range, e.g. ImageJ's display range. */
	public static IntensityRange of(double min, double max) {
		return new IntensityRange(min, max);
	}

	/** The data's minimum and maximum (NaN values ignored). */
	public static IntensityRange minMax(float[] values) {
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (float v : values) {
			if (v < lo) lo = v;
			if (v > hi) hi = v;
		}
		return lo > hi ? new IntensityRange(0, 0) : new IntensityRange(lo, hi);
	}

	/** The data's minimum and maximum, reading the samples as unsigned 16-bit. */
	public static IntensityRange minMax(short[] values) {
		int lo = 65535, hi = 0;
		for (short s : values) {
			int v = s & 0xffff;
			if (v < lo) lo = v;
			if (v > hi) hi = v;
		}
		return lo > hi ? new IntensityRange(0, 0) : new IntensityRange(lo, hi);
	}

	/**
	 * The {@value #LOW_PERCENTILE}th and {@value #HIGH_PERCENTILE}th percentiles: robust to hot
	 * pixels and a dark background, like ImageJ's "Auto" contrast.
	 */
	public static IntensityRange percentiles(short[] values) {
		int[] histogram = new int[65536];
		for (short s : values)
			histogram[s & 0xffff]++;
		long lowRank = (long) Math.floor(values.length * LOW_PERCENTILE / 100);
		long highRank = (long) Math.ceil(values.length * HIGH_PERCENTILE / 100) - 1;
		int lo = -1, hi = -1;
		long seen = 0;
		for (int v = 0; v < histogram.length && hi < 0; v++) {
			seen += histogram[v];
			if (lo < 0 && seen > lowRank) lo = v;
			if (seen > highRank) hi = v;
		}
		return lo < 0 ? new IntensityRange(0, 0) : new IntensityRange(lo, Math.max(lo, hi));
	}

	/** Like {@link #percentiles(short[])} for float data (NaN values ignored). */
	public static IntensityRange percentiles(float[] values) {
		float[] sorted = new float[values.length];
		int n = 0;
		for (float v : values)
			if (!Float.isNaN(v)) sorted[n++] = v;
		if (n == 0) return new IntensityRange(0, 0);
		Arrays.sort(sorted, 0, n);
		int lo = (int) Math.floor(n * LOW_PERCENTILE / 100);
		int hi = Math.max(lo, (int) Math.ceil(n * HIGH_PERCENTILE / 100) - 1);
		return new IntensityRange(sorted[lo], sorted[Math.min(hi, n - 1)]);
	}

	public double min() {
		return min;
	}

	public double max() {
		return max;
	}

	/** Maps one value to 0..255 (rounded, clamped); a flat range maps everything to 0. */
	public int toByte(double value) {
		if (!(value > min)) return 0; // also NaN
		if (max == min || value >= max) return max == min ? 0 : 255;
		return (int) ((value - min) * 255 / (max - min) + 0.5);
	}

	@Override
	public String toString() {
		return "[" + min + ", " + max + "]";
	}
}
