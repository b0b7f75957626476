package io.github.samij.bench;

import io.github.samij.core.image.SamImage;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The benchmark's images, all made from one real picture (the 512 × 512 IHC sample): resized to
 * each benchmark size, and shifted variants so that every "new image" or stack slice has pixels of
 * its own (content keys differ, nothing is served from a cache by accident). AWT is used only to
 * resize pixels in memory; no window is opened.
 */
public final class BenchImages {

	private final BufferedImage source;

	public BenchImages(BufferedImage source) {
		this.source = toRgb(source);
	}

	public int sourceWidth() {
		return source.getWidth();
	}

	/** The source resized to side × side. */
	public BufferedImage resized(int side) {
		return resize(source, side, side);
	}

	/**
	 * Variant {@code i} at side × side: the source resized to (side + margin)² and cropped at an
	 * offset that depends on {@code i}, so neighbouring variants look like neighbouring slices.
	 */
	public BufferedImage variant(int i, int side) {
		int margin = Math.max(8, side / 8);
		BufferedImage big = resize(source, side + margin, side + margin);
		int dx = (i * 3) % margin, dy = (i * 5) % margin;
		BufferedImage crop = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = crop.createGraphics();
		g.drawImage(big, -dx, -dy, null);
		g.dispose();
		return crop;
	}

	/** Packed RGB pixels. */
	public static int[] rgb(BufferedImage img) {
		return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
	}

	/** SAM's view of the picture, without a cache key. */
	public static SamImage sam(BufferedImage img) {
		return SamImage.rgb(img.getWidth(), img.getHeight(), rgb(img));
	}

	private static BufferedImage resize(BufferedImage in, int w, int h) {
		BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
		g.drawImage(in, 0, 0, w, h, null);
		g.dispose();
		return out;
	}

	private static BufferedImage toRgb(BufferedImage in) {
		if (in.getType() == BufferedImage.TYPE_INT_RGB) return in;
		return resize(in, in.getWidth(), in.getHeight());
	}
}
