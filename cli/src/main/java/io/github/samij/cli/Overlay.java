package io.github.samij.cli;

import io.github.samij.core.draw.Layout;
import io.github.samij.core.draw.Palette;
import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.prompt.Prompt;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Draws a prediction over its image for a quick visual check: each mask's outline in its rank's
 * colour, a label "#rank scale IoU" beside it, and the prompt (foreground clicks as a green +,
 * background clicks as a red ×, the box as a white rectangle), in the colours and layout of the
 * ImageJ plugin's live preview ({@link Palette}, {@link Layout}). Every line has a dark rim so it
 * shows on light and dark images alike.
 */
public final class Overlay {

	private static final Color RIM = new Color(Palette.RIM, true);

	private Overlay() { }

	/**
	 * Loads Java's fonts on a background thread. The first text drawn in a JVM waits a tenth of a
	 * second or more for them; a command-line run starts this first and spends that time while the
	 * model loads instead. Failures are left to {@link #draw}, which reports them.
	 */
	public static void loadFontsAhead() {
		Thread t = new Thread(() -> {
			try {
				Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
				g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
				g.setFont(labelFont(512));
				g.drawString("#1 whole 0.99", 0, 0);
				g.dispose();
			}
			catch (RuntimeException | InternalError | UnsatisfiedLinkError e) {
				// draw() meets the same failure and says what to install.
			}
		}, "SAM-IJ fonts");
		t.setDaemon(true);
		t.start();
	}

	/**
	 * A new RGB image: {@code image} with the masks (rank 1 on top), their labels and the prompt.
	 *
	 * @param warn told when the labels had to be left out (a system without fonts)
	 */
	public static BufferedImage draw(BufferedImage image, Prediction prediction, Consumer<String> warn) {
		int w = image.getWidth(), h = image.getHeight();
		BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		int[] rgb = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
		image.getRGB(0, 0, w, h, rgb, 0, w);
		int side = Math.min(w, h);
		// One pixel disappears on a screen-sized view of a large image; two stay visible.
		int thickness = side < 256 ? 1 : side < 1024 ? 2 : 3;
		List<Mask> masks = prediction.masks();
		for (int i = masks.size() - 1; i >= 0; i--)
			outline(rgb, w, h, masks.get(i), new Color(Palette.rank(masks.get(i).rank())), thickness);

		Graphics2D g = out.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			List<int[]> taken = new ArrayList<>();
			drawPrompt(g, prediction.prompt(), side, taken);
			try {
				labels(g, masks, w, h, side, taken);
			}
			catch (RuntimeException | InternalError | UnsatisfiedLinkError e) {
				// Headless systems without fontconfig or any font fail here; the outlines are still worth having.
				warn.accept("overlay.png has no labels: Java found no fonts (" + Main.oneLine(String.valueOf(e))
					+ "); install fontconfig and a font, e.g. the fonts-dejavu-core package");
			}
		}
		finally {
			g.dispose();
		}
		return out;
	}

	/**
	 * A new RGB image: {@code image} with the outline of every object of an instance label image
	 * (row-major, 0 background): the pixels of an object with a 4-neighbour of another label (or on
	 * the image border) in {@link Palette#rank rank 1}'s colour, background pixels next to them darkened.
	 */
	public static BufferedImage drawLabels(BufferedImage image, int[] labels) {
		int w = image.getWidth(), h = image.getHeight();
		BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		int[] rgb = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
		image.getRGB(0, 0, w, h, rgb, 0, w);
		boolean[] edge = new boolean[labels.length];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int i = y * w + x, l = labels[i];
				edge[i] = l != 0 && (x == 0 || y == 0 || x == w - 1 || y == h - 1 || labels[i - 1] != l || labels[i + 1] != l
					|| labels[i - w] != l || labels[i + w] != l);
			}
		int c = Palette.rank(1);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int i = y * w + x;
				if (edge[i]) rgb[i] = c;
				else if (labels[i] == 0 && touches(edge, w, h, x, y)) rgb[i] = darken(rgb[i]);
			}
		return out;
	}

	/**
	 * The mask's boundary (inside pixels with a 4-neighbour outside or on the image border), grown
	 * inwards to {@code thickness} pixels so it never covers what lies outside the mask, with a
	 * one-pixel dark rim outside it.
	 */
	private static void outline(int[] rgb, int w, int h, Mask mask, Color colour, int thickness) {
		byte[] px = mask.imagePixels();
		boolean[] inner = new boolean[px.length];
		for (int i = 0; i < px.length; i++)
			inner[i] = px[i] != 0;
		// Each 4-neighbour erosion peels one pixel of boundary; the band is what the erosions removed.
		for (int t = 0; t < thickness; t++)
			inner = erode(inner, w, h);
		boolean[] band = new boolean[px.length];
		for (int i = 0; i < px.length; i++)
			band[i] = px[i] != 0 && !inner[i];
		int c = colour.getRGB() & 0xffffff;
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				int i = y * w + x;
				if (band[i]) rgb[i] = c;
				else if (px[i] == 0 && touches(band, w, h, x, y)) rgb[i] = darken(rgb[i]);
			}
		}
	}

	private static boolean[] erode(boolean[] in, int w, int h) {
		boolean[] out = new boolean[in.length];
		for (int y = 1; y < h - 1; y++)
			for (int x = 1; x < w - 1; x++) {
				int i = y * w + x;
				out[i] = in[i] && in[i - 1] && in[i + 1] && in[i - w] && in[i + w];
			}
		return out;
	}

	/** Whether an 8-neighbour of (x, y) is in {@code set}. */
	private static boolean touches(boolean[] set, int w, int h, int x, int y) {
		for (int dy = -1; dy <= 1; dy++)
			for (int dx = -1; dx <= 1; dx++) {
				int nx = x + dx, ny = y + dy;
				if (nx >= 0 && ny >= 0 && nx < w && ny < h && set[ny * w + nx]) return true;
			}
		return false;
	}

	private static int darken(int rgb) {
		int r = (rgb >> 16 & 0xff) / 4, g = (rgb >> 8 & 0xff) / 4, b = (rgb & 0xff) / 4;
		return r << 16 | g << 8 | b;
	}

	private static void drawPrompt(Graphics2D g, Prompt prompt, int side, List<int[]> taken) {
		float line = side < 256 ? 1.5f : side < 1024 ? 2.5f : 4f;
		Prompt.Box box = prompt.box();
		if (box != null) {
			Shape r = new Rectangle2D.Double(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
			stroke(g, r, new Color(Palette.BOX), line);
		}
		double arm = Math.max(4, side / 50.0);
		for (Prompt.Point p : prompt.points()) {
			// Points are continuous coordinates in SAM; a click on pixel (x, y) means its centre.
			double cx = p.x + 0.5, cy = p.y + 0.5;
			Path2D.Double mark = new Path2D.Double();
			for (double[] l : Layout.clickMark(cx, cy, arm, p.foreground)) mark.append(new Line2D.Double(l[0], l[1], l[2], l[3]), false);
			stroke(g, mark, new Color(p.foreground ? Palette.FOREGROUND : Palette.BACKGROUND), line);
			taken.add(Layout.around(cx, cy, arm + line));
		}
	}

	/** Draws {@code shape} in {@code colour} over a wider dark rim. */
	private static void stroke(Graphics2D g, Shape shape, Color colour, float width) {
		g.setStroke(new BasicStroke(width + 2, BasicStroke.CAP_SQUARE, BasicStroke.JOIN_MITER));
		g.setColor(RIM);
		g.draw(shape);
		g.setStroke(new BasicStroke(width, BasicStroke.CAP_SQUARE, BasicStroke.JOIN_MITER));
		g.setColor(colour);
		g.draw(shape);
	}

	/** The labels' font for an image whose shorter side is {@code side}. */
	private static Font labelFont(int side) {
		return new Font(Font.SANS_SERIF, Font.BOLD, Math.max(11, (int) Math.round(side / 36.0)));
	}

	/** One label per mask, placed as the ImageJ plugin's live preview places its labels. */
	private static void labels(Graphics2D g, List<Mask> masks, int w, int h, int side, List<int[]> taken) {
		g.setFont(labelFont(side));
		FontMetrics fm = g.getFontMetrics();
		int pad = Math.max(2, fm.getHeight() / 6);
		for (Mask m : masks) {
			String text = Layout.label(m);
			int bw = fm.stringWidth(text) + 2 * pad, bh = fm.getHeight() + pad;
			int[] bbox = m.bbox();
			int[] r = Layout.placeLabel(bbox[0], bbox[1], bw, bh, w, h, taken, 2 * masks.size() + taken.size() + 4);
			g.setColor(new Color(Palette.LABEL_BACKGROUND, true));
			g.fillRect(r[0], r[1], r[2], r[3]);
			g.setColor(new Color(Palette.rank(m.rank())));
			g.drawRect(r[0], r[1], r[2] - 1, r[3] - 1);
			g.drawString(text, r[0] + pad, r[1] + pad / 2 + fm.getAscent());
		}
	}
}
