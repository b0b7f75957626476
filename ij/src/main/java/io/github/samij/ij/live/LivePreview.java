package io.github.samij.ij.live;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.ShapeRoi;
import ij.gui.TextRoi;

import io.github.samij.core.draw.Layout;
import io.github.samij.core.draw.Palette;
import io.github.samij.core.mask.Mask;
import io.github.samij.core.prompt.Prompt;
import io.github.samij.ij.Plane;
import io.github.samij.ij.convert.RankColors;
import io.github.samij.ij.convert.SamRois;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Graphics;
import java.awt.Shape;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The live preview as overlay ROIs: each mask's outline in its rank's colour ({@link RankColors}),
 * the chosen one thicker and filled translucently, a label "#rank scale IoU" per mask (the chosen
 * one inverted), and the clicks (foreground a green +, background a red ×, a box in white), as the
 * command line's overlay.png draws them ({@link Layout}, {@link Palette}). Every ROI carries the property {@value #TAG} (its role:
 * {@code mask}, {@code label} or {@code prompt}) so the preview can be taken out of an overlay
 * that holds the user's own ROIs too. Mask ROIs keep the name and properties SAM-IJ gives them.
 * <p>
 * Stateless; {@link #build} may run on any thread (it only creates ROIs).
 */
final class LivePreview {

	/** Property naming a preview ROI's role. */
	static final String TAG = "sam_live";
	static final String MASK = "mask", LABEL = "label", PROMPT = "prompt";

	private static final Color RIM = RankColors.color(Palette.RIM, true);
	private static final Color LABEL_BACKGROUND = RankColors.color(Palette.LABEL_BACKGROUND, true);
	/** Alpha of the chosen mask's fill. */
	static final int FILL_ALPHA = 48;
	static final float CHOSEN_WIDTH = 3f, OTHER_WIDTH = 1.5f;

	private LivePreview() { }

	/**
	 * The preview ROIs, in drawing order: outlines (the chosen one last, on top), labels, clicks.
	 *
	 * @param paintProbe run each time the last ROI (a click mark) is painted, i.e. once the whole preview is on screen;
	 *          {@code null}: nothing is told
	 */
	static List<Roi> build(List<SamRois.MaskRoi> rois, int chosen, Set<Integer> kept, Prompt prompt, Plane plane,
		ImagePlus imp, Runnable paintProbe)
	{
		int w = imp.getWidth(), h = imp.getHeight(), side = Math.min(w, h);
		List<Roi> out = new ArrayList<>();
		for (int i = 0; i < rois.size(); i++)
			if (i != chosen) out.add(outline(rois.get(i), false, plane, imp));
		if (chosen >= 0 && chosen < rois.size()) out.add(outline(rois.get(chosen), true, plane, imp));

		List<int[]> taken = new ArrayList<>();
		List<Roi> marks = prompt(prompt, side, plane, imp, taken, paintProbe);
		Font font = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, (int) Math.round(side / 36.0)));
		FontMetrics fm = metrics(font);
		for (int i = 0; i < rois.size(); i++)
			out.add(label(rois.get(i), i == chosen, kept.contains(i), font, fm, w, h, taken, plane, imp));
		out.addAll(marks);
		return out;
	}

	/** Removes every preview ROI from {@code overlay}. */
	static void removeFrom(Overlay overlay) {
		for (int i = overlay.size() - 1; i >= 0; i--)
			if (overlay.get(i).getProperty(TAG) != null) overlay.remove(i);
	}

	/** The preview's mask outlines in {@code overlay}, in drawing order. */
	static List<Roi> masks(Overlay overlay) {
		List<Roi> out = new ArrayList<>();
		if (overlay != null)
			for (Roi r : overlay.toArray())
				if (MASK.equals(r.getProperty(TAG))) out.add(r);
		return out;
	}

	private static Roi outline(SamRois.MaskRoi m, boolean chosen, Plane plane, ImagePlus imp) {
		Color colour = RankColors.of(m.mask.rank());
		Roi roi;
		if (chosen) {
			roi = new ShapeRoi(m.roi); // a ShapeRoi draws its fill and its outline
			roi.setName(m.roi.getName());
			roi.setFillColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), FILL_ALPHA));
		}
		else roi = (Roi) m.roi.clone();
		roi.setStrokeColor(colour);
		roi.setUnscalableStrokeWidth(chosen ? CHOSEN_WIDTH : OTHER_WIDTH);
		roi.setProperty(TAG, MASK);
		roi.setProperty("sam_rank", Integer.toString(m.mask.rank()));
		plane.apply(roi, imp);
		return roi;
	}

	/** A label clear of the labels and marks placed before it, the chosen mask's inverted. */
	private static Roi label(SamRois.MaskRoi m, boolean chosen, boolean kept, Font font, FontMetrics fm, int w, int h,
		List<int[]> taken, Plane plane, ImagePlus imp)
	{
		Mask mask = m.mask;
		String text = Layout.label(mask) + (kept ? " \u2713 kept" : "");
		int pad = Math.max(2, fm.getHeight() / 6);
		int bw = fm.stringWidth(text) + 2 * pad, bh = fm.getHeight();
		int[] box = mask.bbox();
		int[] r = Layout.placeLabel(box[0], box[1], bw, bh, w, h, taken, 12 + taken.size());
		TextRoi label = new TextRoi(r[0] + pad, r[1], text, font);
		Color colour = RankColors.of(mask.rank());
		label.setStrokeColor(chosen ? Color.BLACK : colour);
		label.setFillColor(chosen ? colour : LABEL_BACKGROUND);
		label.setAntiAlias(true);
		label.setProperty(TAG, LABEL);
		label.setProperty("sam_rank", Integer.toString(mask.rank()));
		plane.apply(label, imp);
		return label;
	}

	private static List<Roi> prompt(Prompt prompt, int side, Plane plane, ImagePlus imp, List<int[]> taken,
		Runnable paintProbe)
	{
		List<Shape> shapes = new ArrayList<>();
		List<Color> colours = new ArrayList<>();
		Prompt.Box box = prompt.box();
		if (box != null) {
			shapes.add(new java.awt.geom.Rectangle2D.Double(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0));
			colours.add(new Color(Palette.BOX));
		}
		double arm = Math.max(4, side / 50.0);
		for (Prompt.Point p : prompt.points()) {
			// SAM's points are continuous coordinates; a click on pixel (x, y) means its centre.
			double cx = p.x + 0.5, cy = p.y + 0.5;
			shapes.add(RankColors.shape(Layout.clickMark(cx, cy, arm, p.foreground)));
			colours.add(new Color(p.foreground ? Palette.FOREGROUND : Palette.BACKGROUND));
			taken.add(Layout.around(cx, cy, arm + 2));
		}
		List<Roi> out = new ArrayList<>();
		for (int i = 0; i < shapes.size(); i++) { // dark rims first, so every mark shows on light and dark images
			Roi rim = new ShapeRoi(shapes.get(i));
			rim.setStrokeColor(RIM);
			rim.setUnscalableStrokeWidth(4);
			rim.setProperty(TAG, PROMPT);
			plane.apply(rim, imp);
			out.add(rim);
		}
		for (int i = 0; i < shapes.size(); i++) {
			boolean last = i == shapes.size() - 1;
			Roi mark = last && paintProbe != null ? new Probe(shapes.get(i), paintProbe) : new ShapeRoi(shapes.get(i));
			mark.setStrokeColor(colours.get(i));
			mark.setUnscalableStrokeWidth(2);
			mark.setProperty(TAG, PROMPT);
			plane.apply(mark, imp);
			out.add(mark);
		}
		return out;
	}

	private static FontMetrics metrics(Font font) {
		Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
		try {
			return g.getFontMetrics(font);
		}
		finally {
			g.dispose();
		}
	}

	/** A click mark that reports when it is painted (it is drawn last, so the whole preview is on screen). */
	static final class Probe extends ShapeRoi {
		private final transient Runnable onPaint;

		Probe(Shape shape, Runnable onPaint) {
			super(shape);
			this.onPaint = onPaint;
		}

		@Override
		public void drawOverlay(Graphics g) {
			super.drawOverlay(g);
			if (onPaint != null) onPaint.run();
		}
	}
}
