package io.github.samij.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summary of repeated measurements: median and spread (min, quartiles, p90, max). The median is
 * the headline number, since on a shared machine the mean follows the other users' load. Quantiles
 * interpolate linearly between order statistics (type 7, as NumPy and R default). Immutable.
 */
public final class Stats {

	private final double[] sorted;

	private Stats(double[] values) {
		if (values.length == 0) throw new IllegalArgumentException("no measurements");
		this.sorted = values.clone();
		Arrays.sort(sorted);
	}

	public static Stats of(double... values) {
		return new Stats(values);
	}

	public static Stats of(List<? extends Number> values) {
		double[] v = new double[values.size()];
		for (int i = 0; i < v.length; i++) v[i] = values.get(i).doubleValue();
		return new Stats(v);
	}

	public int count() {
		return sorted.length;
	}

	/** The q-quantile, 0 ≤ q ≤ 1. */
	public double quantile(double q) {
		double pos = q * (sorted.length - 1);
		int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
		return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
	}

	public double median() {
		return quantile(0.5);
	}

	public double p90() {
		return quantile(0.9);
	}

	public double min() {
		return sorted[0];
	}

	public double max() {
		return sorted[sorted.length - 1];
	}

	public double mean() {
		double s = 0;
		for (double v : sorted) s += v;
		return s / sorted.length;
	}

	/** Interquartile range relative to the median: a unit-free measure of the noise. */
	public double relativeIqr() {
		double m = median();
		return m == 0 ? 0 : (quantile(0.75) - quantile(0.25)) / Math.abs(m);
	}

	/** For the JSON: n, median, min, q1, q3, p90, max, mean, rounded to {@code decimals}. */
	public Map<String, Object> toJson(int decimals) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("n", sorted.length);
		m.put("median", round(median(), decimals));
		m.put("min", round(min(), decimals));
		m.put("q1", round(quantile(0.25), decimals));
		m.put("q3", round(quantile(0.75), decimals));
		m.put("p90", round(p90(), decimals));
		m.put("max", round(max(), decimals));
		m.put("mean", round(mean(), decimals));
		return m;
	}

	public static double round(double v, int decimals) {
		double f = Math.pow(10, decimals);
		return Math.round(v * f) / f;
	}
}
