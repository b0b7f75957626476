package io.github.samij.core.instances;

import io.github.samij.core.SamException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link SegmentAll} does, one value per key every entry point shares (ImageJ's Segment All
 * and Segment Folder, the macro extensions, {@code sam-ij segment-all}): the keys, defaults and
 * ranges live here and nowhere else, and every out-of-range value is refused with a message naming
 * its key and its range. Immutable and thread-safe; each {@code with} returns a new value.
 */
public final class SegmentAllSettings {

	/** Where the prompts come from. */
	public enum Prompts {
		/**
		 * Points found in the image: the peaks of a smoothed image on the objects' side
		 * (see {@link Seeds}), one prompt each — few decoder runs when objects are few and small.
		 */
		SEEDS,
		/** A regular grid of {@code points_per_side} × {@code points_per_side} points, as SAM's automatic mask generator. */
		GRID;

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/** Which side of the intensity range the objects are on, for {@link Prompts#SEEDS}. */
	public enum Objects {
		/** Bright when pixels above Otsu's threshold are the minority of the image, dark otherwise. */
		AUTO,
		/** Bright objects on a dark background, as in fluorescence. */
		BRIGHT,
		/** Dark objects on a bright background, as in bright-field and stained tissue. */
		DARK;

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	public static final String PROMPTS = "prompts";
	public static final String POINTS_PER_SIDE = "points_per_side";
	public static final String MIN_IOU = "min_iou";
	public static final String MIN_STABILITY = "min_stability";
	public static final String MIN_AREA = "min_area";
	public static final String MAX_AREA = "max_area";
	public static final String OBJECTS = "objects";

	/** The most grid points per side: 256² prompts already take hours on a laptop. */
	public static final int MAX_POINTS_PER_SIDE = 256;

	/** The defaults: seeds, SAM's automatic mask generator's thresholds, islands and holes below 15 pixels removed. */
	public static final SegmentAllSettings DEFAULT = new SegmentAllSettings(Prompts.SEEDS, 32, 0.88, 0.95, 15, 0, Objects.AUTO);

	private final Prompts prompts;
	private final int pointsPerSide;
	private final double minIou;
	private final double minStability;
	private final long minArea;
	private final long maxArea;
	private final Objects objects;

	private SegmentAllSettings(Prompts prompts, int pointsPerSide, double minIou, double minStability, long minArea,
		long maxArea, Objects objects)
	{
		this.prompts = prompts;
		this.pointsPerSide = pointsPerSide;
		this.minIou = minIou;
		this.minStability = minStability;
		this.minArea = minArea;
		this.maxArea = maxArea;
		this.objects = objects;
	}

	public SegmentAllSettings withPrompts(Prompts p) {
		return new SegmentAllSettings(p, pointsPerSide, minIou, minStability, minArea, maxArea, objects);
	}

	public SegmentAllSettings withPointsPerSide(int n) {
		if (n < 1 || n > MAX_POINTS_PER_SIDE) throw outOfRange(POINTS_PER_SIDE, n, "a whole number from 1 to " + MAX_POINTS_PER_SIDE);
		return new SegmentAllSettings(prompts, n, minIou, minStability, minArea, maxArea, objects);
	}

	public SegmentAllSettings withMinIou(double v) {
		return new SegmentAllSettings(prompts, pointsPerSide, fraction(MIN_IOU, v), minStability, minArea, maxArea, objects);
	}

	public SegmentAllSettings withMinStability(double v) {
		return new SegmentAllSettings(prompts, pointsPerSide, minIou, fraction(MIN_STABILITY, v), minArea, maxArea, objects);
	}

	/** Islands and holes below this many pixels are removed from each mask, and objects smaller than it dropped. */
	public SegmentAllSettings withMinArea(long pixels) {
		if (pixels < 0) throw outOfRange(MIN_AREA, pixels, "0 or more pixels");
		if (maxArea > 0 && pixels > maxArea) throw outOfRange(MIN_AREA, pixels, "0 to " + MAX_AREA + " (" + maxArea + ") pixels");
		return new SegmentAllSettings(prompts, pointsPerSide, minIou, minStability, pixels, maxArea, objects);
	}

	/** Masks larger than this many pixels are not objects; 0: no limit. */
	public SegmentAllSettings withMaxArea(long pixels) {
		if (pixels < 0) throw outOfRange(MAX_AREA, pixels, "0 (no limit) or more pixels");
		if (pixels > 0 && pixels < minArea)
			throw outOfRange(MAX_AREA, pixels, "0 (no limit) or at least " + MIN_AREA + " (" + minArea + ") pixels");
		return new SegmentAllSettings(prompts, pointsPerSide, minIou, minStability, minArea, pixels, objects);
	}

	public SegmentAllSettings withObjects(Objects o) {
		return new SegmentAllSettings(prompts, pointsPerSide, minIou, minStability, minArea, maxArea, o);
	}

	public Prompts prompts() {
		return prompts;
	}

	public int pointsPerSide() {
		return pointsPerSide;
	}

	public double minIou() {
		return minIou;
	}

	public double minStability() {
		return minStability;
	}

	public long minArea() {
		return minArea;
	}

	/** 0: no limit. */
	public long maxArea() {
		return maxArea;
	}

	public Objects objects() {
		return objects;
	}

	/** The keys, in the order they are documented. */
	public static final List<String> KEYS = List.of(PROMPTS, POINTS_PER_SIDE, MIN_IOU, MIN_STABILITY, MIN_AREA, MAX_AREA, OBJECTS);

	/**
	 * These settings with one key set from text, as a macro or command line gives it
	 * ({@code with("min_iou", "0.9")}).
	 *
	 * @throws SamException naming the key and what it takes, for an unknown key or a value that is
	 *           not a number, not a choice or out of range
	 */
	public SegmentAllSettings with(String key, String text) {
		String t = text == null ? "" : text.trim();
		switch (key) {
			case PROMPTS:
				return withPrompts(parsePrompts(t));
			case OBJECTS:
				return withObjects(parseObjects(t));
			case POINTS_PER_SIDE: {
				long n = whole(key, t);
				if (n != (int) n) throw outOfRange(POINTS_PER_SIDE, n, "a whole number from 1 to " + MAX_POINTS_PER_SIDE);
				return withPointsPerSide((int) n);
			}
			case MIN_AREA:
				return withMinArea(whole(key, t));
			case MAX_AREA:
				return withMaxArea(whole(key, t));
			case MIN_IOU:
				return withMinIou(number(key, t));
			case MIN_STABILITY:
				return withMinStability(number(key, t));
			default:
				throw new SamException("Unknown Segment All key '" + key + "': the keys are " + String.join(", ", KEYS) + ".");
		}
	}

	private static long whole(String key, String text) {
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException e) {
			throw new SamException(key + " must be a whole number, got '" + text + "'.");
		}
	}

	private static double number(String key, String text) {
		try {
			return Double.parseDouble(text);
		}
		catch (NumberFormatException e) {
			throw new SamException(key + " must be a number, got '" + text + "'.");
		}
	}

	/** Parses {@code seeds} or {@code grid} (any case), with a one-line message naming the key otherwise. */
	public static Prompts parsePrompts(String text) {
		return parse(Prompts.class, PROMPTS, text);
	}

	/** Parses {@code auto}, {@code bright} or {@code dark} (any case), with a one-line message naming the key otherwise. */
	public static Objects parseObjects(String text) {
		return parse(Objects.class, OBJECTS, text);
	}

	/** Every key and its value, in the order the keys are documented, for result files and logs. */
	public Map<String, Object> asMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put(PROMPTS, prompts.toString());
		m.put(POINTS_PER_SIDE, pointsPerSide);
		m.put(MIN_IOU, minIou);
		m.put(MIN_STABILITY, minStability);
		m.put(MIN_AREA, minArea);
		m.put(MAX_AREA, maxArea);
		m.put(OBJECTS, objects.toString());
		return m;
	}

	@Override
	public String toString() {
		StringBuilder s = new StringBuilder();
		asMap().forEach((k, v) -> s.append(s.length() == 0 ? "" : " ").append(k).append('=').append(v));
		return s.toString();
	}

	private static double fraction(String key, double v) {
		if (!(v >= 0 && v <= 1)) throw outOfRange(key, v, "from 0 to 1");
		return v;
	}

	private static SamException outOfRange(String key, Object value, String range) {
		return new SamException(key + " must be " + range + ", got " + value + ".");
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String key, String text) {
		StringBuilder names = new StringBuilder();
		for (E e : type.getEnumConstants()) {
			if (e.name().equalsIgnoreCase(text == null ? "" : text.trim())) return e;
			names.append(names.length() == 0 ? "" : " or ").append(e);
		}
		throw new SamException(key + " must be " + names + ", got '" + text + "'.");
	}
}
