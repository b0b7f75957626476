package io.github.samij.cli;

import io.github.samij.core.Nuclei;
import io.github.samij.core.TestImages;
import io.github.samij.core.image.SamImage;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/** An image larger than a tile of 512 for batch tests: 700 × 600 of a mosaic of DSB dsb000, with its ground truth. */
public final class LargeImages {

	public static final int WIDTH = 700, HEIGHT = 600;

	private LargeImages() { }

	public static SamImage mosaic() {
		return TestImages.tiled(TestImages.load(TestImages.dsb("dsb000")), 3).crop(0, 0, WIDTH, HEIGHT);
	}

	public static Nuclei truth() {
		return new Nuclei("dsb000", 256, 256).tiled(3).crop(0, 0, WIDTH, HEIGHT);
	}

	/** The mosaic as an RGB TIFF in strips (ImageIO's default layout). */
	public static void writeTiff(Path file) throws IOException {
		SamImage mosaic = mosaic();
		BufferedImage rgb = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		for (int i = 0; i < WIDTH * HEIGHT; i++)
			rgb.setRGB(i % WIDTH, i / WIDTH, (mosaic.plane(0)[i] & 0xff) << 16 | (mosaic.plane(1)[i] & 0xff) << 8
				| mosaic.plane(2)[i] & 0xff);
		if (!ImageIO.write(rgb, "tiff", file.toFile())) throw new IOException("this Java has no TIFF writer");
	}
}
