package io.github.samij.core.prompt;

import io.github.samij.core.SamException;
import io.github.samij.core.image.Framing;
import io.github.samij.core.image.Preprocessor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What the user asks SAM to segment, in original image pixel coordinates: points (each
 * foreground or background), an optional box, and optionally a previous mask's low-res logits to
 * refine. Build with {@link #points}, {@link #box} and the {@code with...} methods.
 * <p>
 * Immutable and thread-safe.
 */
public final class Prompt {

	/** One click: a position and whether it marks the object (foreground) or not (background). */
	public static final class Point {
		public final double x;
		public final double y;
		public final boolean foreground;

		/** @throws SamException when a coordinate is not a finite number */
		public Point(double x, double y, boolean foreground) {
			if (!Double.isFinite(x) || !Double.isFinite(y))
				throw new SamException("A point needs two finite coordinates, got (" + x + ", " + y + ").");
			this.x = x;
			this.y = y;
			this.foreground = foreground;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "(%s, %s)%s", num(x), num(y), foreground ? "" : " background");
		}
	}

	/** An axis-aligned box from (x0, y0) to (x1, y1), x0 ≤ x1 and y0 ≤ y1. */
	public static final class Box {
		public final double x0, y0, x1, y1;

		public Box(double x0, double y0, double x1, double y1) {
			this.x0 = Math.min(x0, x1);
			this.y0 = Math.min(y0, y1);
			this.x1 = Math.max(x0, x1);
			this.y1 = Math.max(y0, y1);
		}

		/**
		 * The part of this box inside a width × height image, as ImageJ clips a rectangle drawn past the
		 * image's edge; {@code null} when no part of it is inside.
		 */
		public Box clippedTo(int width, int height) {
			double cx0 = Math.max(0, x0), cy0 = Math.max(0, y0), cx1 = Math.min(width, x1), cy1 = Math.min(height, y1);
			return cx1 > cx0 && cy1 > cy0 ? new Box(cx0, cy0, cx1, cy1) : null;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "box (%s, %s)-(%s, %s)", num(x0), num(y0), num(x1), num(y1));
		}
	}

	/** Side of the low-res mask SAM takes as {@code mask_input}. */
	public static final int LOW_RES = 256;

	private final List<Point> points;
	private final Box box;
	private final float[] maskInput;
	/** A binary mask of the image to refine, turned into logits for the model's frame at decode time. */
	private final byte[] outline;

	private Prompt(List<Point> points, Box box, float[] maskInput, byte[] outline) {
		this.points = Collections.unmodifiableList(points);
		this.box = box;
		this.maskInput = maskInput;
		this.outline = outline;
	}

	/** A single foreground click. */
	public static Prompt point(double x, double y) {
		return new Prompt(List.of(new Point(x, y, true)), null, null, null);
	}

	/** Several clicks. */
	public static Prompt points(List<Point> points) {
		return new Prompt(new ArrayList<>(points), null, null, null);
	}

	/** A box alone. */
	public static Prompt box(double x0, double y0, double x1, double y1) {
		return new Prompt(List.of(), new Box(x0, y0, x1, y1), null, null);
	}

	/** Points (in their order) and a box ({@code null}: none), as every front end assembles them. */
	public static Prompt of(List<Point> points, Box box) {
		return new Prompt(new ArrayList<>(points), box, null, null);
	}

	/** This prompt with one more click. */
	public Prompt withPoint(double x, double y, boolean foreground) {
		List<Point> more = new ArrayList<>(points);
		more.add(new Point(x, y, foreground));
		return new Prompt(more, box, maskInput, outline);
	}

	/** This prompt with a box (replacing any box). */
	public Prompt withBox(double x0, double y0, double x1, double y1) {
		return new Prompt(new ArrayList<>(points), new Box(x0, y0, x1, y1), maskInput, outline);
	}

	/**
	 * This prompt refining a previous mask: {@code lowResLogits} is that mask's
	 * {@link io.github.samij.core.mask.Mask#lowResLogits()} (256 × 256), fed back as SAM's {@code mask_input}. Give all clicks
	 * made so far, as SAM expects.
	 */
	public Prompt withMaskInput(float[] lowResLogits) {
		if (lowResLogits == null || lowResLogits.length != LOW_RES * LOW_RES)
			throw new SamException("A mask to refine must be SAM's 256×256 low-res logits (" + LOW_RES * LOW_RES
				+ " values), got " + (lowResLogits == null ? "none (a mask segmented in a crop window has none: segment "
				+ "the whole image to refine)" : lowResLogits.length + " values") + ".");
		return new Prompt(new ArrayList<>(points), box, lowResLogits, null);
	}

	/**
	 * This prompt refining a binary mask of the width × height image — an outline drawn by hand,
	 * another tool's segmentation — given to the decoder as {@link #maskLogits} in the model's frame.
	 *
	 * @throws SamException if the sizes do not match the array
	 */
	public Prompt withOutline(byte[] mask, int width, int height) {
		checkMaskSize(mask, width, height);
		return new Prompt(new ArrayList<>(points), box, null, mask);
	}

	/** This prompt moved by (dx, dy), e.g. into a crop's coordinates; a mask to refine stays as it is. */
	public Prompt shifted(double dx, double dy) {
		List<Point> moved = new ArrayList<>(points.size());
		for (Point p : points) moved.add(new Point(p.x + dx, p.y + dy, p.foreground));
		Box b = box == null ? null : new Box(box.x0 + dx, box.y0 + dy, box.x1 + dx, box.y1 + dy);
		return new Prompt(moved, b, maskInput, outline);
	}

	/**
	 * A binary mask of a width × height image — an outline drawn by hand, another tool's
	 * segmentation — as SAM's 256 × 256 low-res mask input for {@link #withMaskInput}: the low-res
	 * grid covers the image as the model's encoder sees it ({@code framing}: for SAM 1 the longest side
	 * 1024, padded at the right and bottom; for SAM 2 stretched), each cell gets the fraction of its 4 × 4 samples inside, as logits clipped at ±6.9
	 * (probability 0.001 to 0.999). With the mask's bounding box as the box, SAM snaps a rough
	 * outline to the object (on DSB nuclei: an ellipse in each nucleus's box, IoU 0.64–0.87 with the
	 * nucleus, becomes 0.75–0.88).
	 *
	 * @throws SamException if the sizes do not match the array
	 */
	public static float[] maskLogits(byte[] mask, int width, int height, Framing framing) {
		checkMaskSize(mask, width, height);
		double[] scale = framing.scales(width, height);
		double clip = Math.log(0.999 / 0.001);
		float[] out = new float[LOW_RES * LOW_RES];
		int step = Preprocessor.SIDE / LOW_RES;
		for (int v = 0; v < LOW_RES; v++)
			for (int u = 0; u < LOW_RES; u++) {
				int inside = 0;
				for (int b = 0; b < step; b++)
					for (int a = 0; a < step; a++) {
						int x = (int) ((step * u + a + 0.5) / scale[0]), y = (int) ((step * v + b + 0.5) / scale[1]);
						if (x < width && y < height && mask[y * width + x] != 0) inside++;
					}
				double p = Math.min(0.999, Math.max(0.001, inside / (double) (step * step)));
				out[v * LOW_RES + u] = (float) Math.max(-clip, Math.min(clip, Math.log(p / (1 - p))));
			}
		return out;
	}

	public List<Point> points() {
		return points;
	}

	/** The box, or {@code null}. */
	public Box box() {
		return box;
	}

	private static void checkMaskSize(byte[] mask, int width, int height) {
		if (width < 1 || height < 1 || mask == null || (long) width * height != mask.length)
			throw new SamException("A mask of " + (mask == null ? 0 : mask.length) + " pixels does not fit a " + width + "×"
				+ height + " image.");
	}

	/**
	 * The low-res logits to refine for an image of width × height framed by {@code framing}, or
	 * {@code null}; not a copy: do not modify.
	 */
	public float[] maskInput(Framing framing, int width, int height) {
		return outline != null ? maskLogits(outline, width, height, framing) : maskInput;
	}

	public boolean hasMaskInput() {
		return maskInput != null || outline != null;
	}

	/**
	 * {@code true} when SAM has something to find: a box, or at least one foreground point. Points
	 * that are all background say only where the object is not; every front end refuses them, each
	 * in its own words.
	 */
	public boolean hasForeground() {
		if (box != null) return true;
		for (Point p : points)
			if (p.foreground) return true;
		return false;
	}

	/** {@code true} for exactly one click and nothing else: the one ambiguous prompt. */
	public boolean isSingleClick() {
		return points.size() == 1 && box == null && !hasMaskInput();
	}

	/**
	 * Checks that every point and the box lie within a width × height image.
	 *
	 * @throws SamException naming the offending prompt and the image size
	 */
	public void checkInside(int width, int height) {
		if (points.isEmpty() && box == null)
			throw new SamException("The prompt is empty: give at least one point or a box.");
		for (Point p : points)
			if (!(p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height))
				throw new SamException("Point " + p + " lies outside the " + width + "×" + height
					+ " image; click inside the image.");
		if (box != null) {
			if (!(box.x0 >= 0 && box.y0 >= 0 && box.x1 <= width && box.y1 <= height))
				throw new SamException("The " + box + " reaches outside the " + width + "×" + height
					+ " image; draw the box inside the image.");
			if (box.x1 - box.x0 < 1 || box.y1 - box.y0 < 1)
				throw new SamException("The " + box + " is empty; draw a box at least one pixel wide and high.");
		}
	}

	@Override
	public String toString() {
		StringBuilder s = new StringBuilder();
		for (Point p : points)
			s.append(s.length() > 0 ? " " : "").append(p);
		if (box != null) s.append(s.length() > 0 ? " " : "").append(box);
		if (hasMaskInput()) s.append(" refining a mask");
		return s.toString();
	}

	private static String num(double v) {
		return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
	}
}
