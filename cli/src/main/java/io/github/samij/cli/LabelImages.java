package io.github.samij.cli;

import io.github.samij.core.instances.Instances;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;

/** Instance label images as pictures ImageIO writes to TIFF: 16-bit grey, or 32-bit float past 65,535 labels. Stateless. */
final class LabelImages {

	private LabelImages() { }

	/** {@code labels} (row-major, 0..maxLabel) as a 16-bit grey image, or a 32-bit float one when they do not fit 16 bits. */
	static BufferedImage image(int w, int h, int[] labels, int maxLabel) {
		if (maxLabel <= Instances.MAX_16_BIT_LABELS) {
			BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
			img.getRaster().setSamples(0, 0, w, h, 0, labels);
			return img;
		}
		ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
			Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
		WritableRaster raster = cm.createCompatibleWritableRaster(w, h);
		raster.setSamples(0, 0, w, h, 0, labels);
		return new BufferedImage(cm, raster, false, null);
	}
}
