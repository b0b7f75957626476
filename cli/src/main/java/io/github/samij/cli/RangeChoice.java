package io.github.samij.cli;

import io.github.samij.core.image.IntensityRange;

import java.util.Locale;

/**
 * The {@code --range} option: how 16- and 32-bit grey values are mapped to the 0..255 the SAM
 * encoder was trained on. Percentiles are the default because a few hot pixels or an empty
 * background would otherwise squeeze the interesting intensities into a handful of grey levels.
 */
final class RangeChoice {

	static final RangeChoice PERCENTILE = new RangeChoice("percentile", Double.NaN, Double.NaN);
	static final RangeChoice MINMAX = new RangeChoice("minmax", Double.NaN, Double.NaN);

	private final String name;
	private final double min;
	private final double max;

	private RangeChoice(String name, double min, double max) {
		this.name = name;
		this.min = min;
		this.max = max;
	}

	/** A fixed range, e.g. one taken from a whole image to map each of its regions alike. */
	static RangeChoice of(IntensityRange range) {
		return new RangeChoice(range.toString(), range.min(), range.max());
	}

	/** Parses {@code percentile}, {@code minmax} or {@code MIN,MAX}. */
	static RangeChoice parse(String text) {
		String t = text.trim().toLowerCase(Locale.ROOT);
		if (t.equals("percentile") || t.equals("percentiles")) return PERCENTILE;
		if (t.equals("minmax")) return MINMAX;
		String[] parts = t.split(",", -1);
		if (parts.length == 2) {
			try {
				double lo = Double.parseDouble(parts[0].trim()), hi = Double.parseDouble(parts[1].trim());
				if (Double.isFinite(lo) && Double.isFinite(hi) && lo < hi) return new RangeChoice(t, lo, hi);
			}
			catch (NumberFormatException e) {
				// falls through to the message below
			}
		}
		throw new UsageException("--range expects percentile, minmax or MIN,MAX with MIN < MAX, got '" + text + "'");
	}

	IntensityRange of(short[] unsigned16) {
		if (this == PERCENTILE) return IntensityRange.percentiles(unsigned16);
		if (this == MINMAX) return IntensityRange.minMax(unsigned16);
		return IntensityRange.of(min, max);
	}

	IntensityRange of(float[] values) {
		if (this == PERCENTILE) return IntensityRange.percentiles(values);
		if (this == MINMAX) return IntensityRange.minMax(values);
		return IntensityRange.of(min, max);
	}

	@Override
	public String toString() {
		return name;
	}
}
