package io.github.samij.core;

import io.github.samij.core.image.SamImage;
import io.github.samij.core.mask.MaskGeometry;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/** Real images and ground-truth labels for tests (tests may use AWT; the core may not). */
public final class TestImages {

	private TestImages() { }

	/** {@code sample-data/NAME} or any repository-relative path, as an RGB (or grey) SamImage keyed by its path. */
	public static SamImage load(String repositoryRelative) {
		return load(TestModel.repositoryFile(repositoryRelative));
	}

	public static SamImage load(Path file) {
		BufferedImage img = read(file);
		int w = img.getWidth(), h = img.getHeight();
		SamImage image;
		if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
			byte[] gray = new byte[w * h];
			img.getRaster().getDataElements(0, 0, w, h, gray);
			image = SamImage.gray8(w, h, gray);
		}
		else {
			image = SamImage.rgb(w, h, img.getRGB(0, 0, w, h, null, 0, w));
		}
		return image.withKey(file.toAbsolutePath().toString());
	}

	/** {@code tile} repeated n × n times: a large image of small objects. */
	public static SamImage tiled(SamImage tile, int n) {
		int w = tile.width() * n, h = tile.height() * n;
		byte[][] planes = new byte[3][w * h];
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < h; y++)
				for (int tx = 0; tx < n; tx++)
					System.arraycopy(tile.plane(c), (y % tile.height()) * tile.width(), planes[c], y * w + tx * tile.width(),
						tile.width());
		return SamImage.planes(w, h, planes[0], planes[1], planes[2]);
	}

	/** A DSB 2018 image of sample-data/dsb2018-dev, e.g. "dsb000". */
	public static Path dsb(String name) {
		return TestModel.repositoryFile("sample-data/dsb2018-dev/" + name + ".png");
	}

	/** The 16-bit instance labels of a DSB image, row-major. */
	public static int[] labels(String name) {
		Raster r = read(TestModel.repositoryFile("sample-data/dsb2018-dev/" + name + "_labels.png")).getRaster();
		int[] labels = new int[r.getWidth() * r.getHeight()];
		r.getSamples(0, 0, r.getWidth(), r.getHeight(), 0, labels);
		return labels;
	}

	private static BufferedImage read(Path file) {
		try {
			BufferedImage img = ImageIO.read(file.toFile());
			if (img == null) throw new IOException("not an image: " + file);
			return img;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Pixel IoU of a mask (non-zero inside) with the pixels where {@code labels == label}. */
	public static double iou(byte[] mask, int[] labels, int label) {
		long inter = 0, union = 0;
		for (int i = 0; i < mask.length; i++) {
			boolean a = mask[i] != 0, b = labels[i] == label;
			if (a && b) inter++;
			if (a || b) union++;
		}
		return union == 0 ? 0 : (double) inter / union;
	}

	/** Pixel IoU of two masks (non-zero inside). */
	public static double iou(byte[] a, byte[] b) {
		return MaskGeometry.iou(a, b);
	}
}
