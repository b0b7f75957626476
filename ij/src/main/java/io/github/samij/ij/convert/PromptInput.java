package io.github.samij.ij.convert;

import ij.ImagePlus;
import ij.gui.PointRoi;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;
import ij.process.ImageProcessor;

import io.github.samij.core.SamException;
import io.github.samij.core.prompt.Prompt;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a SAM prompt from ImageJ's own tools. Points come from the point or multi-point tool:
 * <b>counter 0 marks foreground, counter 1 background</b> (choose the counter in the multi-point
 * tool's options, double-click its icon). A box comes from the rectangle tool. Any other area
 * selection (oval, polygon, freehand, a traced or composite ROI, e.g. another tool's result) is a
 * rough <b>outline</b> for SAM to snap to the object: its bounding box plus its mask as SAM's mask
 * input ({@link Prompt#withOutline}). A rectangle selected in the ROI Manager around the points on
 * the image makes a box-with-points prompt ({@link #from(ImagePlus)}). Stateless and thread-safe.
 */
public final class PromptInput {

	/** The counter of the multi-point tool that marks background points. */
	public static final int BACKGROUND_COUNTER = 1;

	public static final String WHAT_TO_DRAW = "click the object with the point tool (multi-point counter 0 = foreground, "
		+ "counter 1 = background), draw a rectangle around it, or outline it roughly (oval, polygon or freehand), "
		+ "then run Segment Anything again.";

	private PromptInput() { }

	/**
	 * The prompt from the image's selection and the ROI Manager's selected ROIs. With a selection on
	 * the image, a rectangle selected in the manager joins it only when the selection is points and
	 * the rectangle contains every foreground point (a box drawn around the clicked object); any
	 * other manager selection — an unrelated box left selected, points — is not part of the prompt.
	 * With no selection on the image, the manager's selected points and rectangle are the prompt.
	 */
	public static Prompt from(ImagePlus imp) {
		Roi own = imp.getRoi();
		List<Roi> rois = new ArrayList<>();
		if (own != null) rois.add(own);
		RoiManager rm = RoiManager.getInstance();
		if (rm != null)
			for (int i : rm.getSelectedIndexes()) { // not getSelectedRoisAsArray(): with none selected it returns all
				Roi r = rm.getRoi(i);
				// Earlier SAM results selected in the manager are not prompts; only points and boxes are.
				if (!isPromptShape(r) || contains(rois, r)) continue;
				if (own == null || own instanceof PointRoi && isBox(r) && containsForeground(r, (PointRoi) own)) rois.add(r);
			}
		return from(rois, imp.getWidth(), imp.getHeight());
	}

	/** Whether the rectangle contains every foreground point of the point selection. */
	private static boolean containsForeground(Roi box, PointRoi points) {
		Rectangle r = box.getBounds();
		float[] xs = points.getFloatPolygon().xpoints, ys = points.getFloatPolygon().ypoints;
		for (int i = 0; i < points.size(); i++) {
			if (!isBackground(points, i) && !(xs[i] >= r.x && ys[i] >= r.y && xs[i] <= r.x + r.width && ys[i] <= r.y + r.height)) return false;
		}
		return true;
	}

	/**
	 * The prompt from explicit ROIs on a width × height image: points (any number) and at most one
	 * rectangle or outline.
	 */
	public static Prompt from(List<Roi> rois, int width, int height) {
		if (rois.isEmpty()) throw new SamException("No selection: " + WHAT_TO_DRAW);
		List<Prompt.Point> points = new ArrayList<>();
		Rectangle box = null;
		byte[] outline = null;
		for (Roi roi : rois) {
			if (roi instanceof PointRoi) {
				PointRoi p = (PointRoi) roi;
				float[] xs = p.getFloatPolygon().xpoints, ys = p.getFloatPolygon().ypoints;
				for (int i = 0; i < p.size(); i++) points.add(new Prompt.Point(xs[i], ys[i], !isBackground(p, i)));
			}
			else if (roi.isArea()) {
				if (box != null)
					throw new SamException("Two rectangles or outlines are selected; SAM takes one. Keep one (points may "
						+ "be added), then run again.");
				box = roi.getBounds();
				if (!isBox(roi)) {
					// An outline drawn past the image's edge is used as far as it lies inside.
					box = box.intersection(new Rectangle(width, height));
					if (box.isEmpty())
						throw new SamException("The outline lies outside the " + width + "×" + height + " image; " + WHAT_TO_DRAW);
					outline = mask(roi, width, height);
				}
			}
			else {
				throw new SamException("The selection is " + describe(roi) + "; SAM takes points, a rectangle or an outline: "
					+ WHAT_TO_DRAW);
			}
		}
		Prompt prompt = Prompt.of(points, box == null ? null
			: new Prompt.Box(box.x, box.y, box.x + box.width, box.y + box.height));
		if (!prompt.hasForeground())
			throw new SamException("All points are background (counter 1); add at least one foreground point (counter 0).");
		return outline == null ? prompt : prompt.withOutline(outline, width, height);
	}

	/** The area selection's pixels in a width × height image (outside the image left out). */
	private static byte[] mask(Roi roi, int width, int height) {
		byte[] out = new byte[width * height];
		Rectangle r = roi.getBounds();
		ImageProcessor m = roi.getMask(); // of the bounds; null for a plain rectangle
		for (int y = Math.max(0, r.y); y < Math.min(height, r.y + r.height); y++)
			for (int x = Math.max(0, r.x); x < Math.min(width, r.x + r.width); x++)
				if (m == null || m.get(x - r.x, y - r.y) != 0) out[y * width + x] = 1;
		return out;
	}

	private static boolean isBackground(PointRoi points, int i) {
		int[] counters = points.getCounters();
		return counters != null && (counters[i] & 0xff) == BACKGROUND_COUNTER;
	}

	private static boolean isBox(Roi roi) {
		return roi.getType() == Roi.RECTANGLE && roi.getCornerDiameter() == 0;
	}

	public static boolean isPromptShape(Roi roi) {
		return roi instanceof PointRoi || roi != null && isBox(roi);
	}

	private static boolean contains(List<Roi> rois, Roi r) {
		for (Roi o : rois) if (o.equals(r)) return true;
		return false;
	}

	private static String describe(Roi roi) {
		String type = roi.getTypeAsString().toLowerCase(java.util.Locale.ROOT);
		return (type.matches("^[aeiou].*") ? "an " : "a ") + type;
	}
}
