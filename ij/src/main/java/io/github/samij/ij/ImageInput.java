package io.github.samij.ij;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import io.github.samij.core.IntensityRange;
import io.github.samij.core.SamException;
import io.github.samij.core.SamImage;

/**
 * One plane of an ImageJ image as SAM's encoder input. 8-bit and RGB pixels are taken as they are
 * (8-bit with a colour LUT through the LUT); 16- and 32-bit pixels are mapped to 0..255 through
 * the image's <em>display range</em> (Image › Adjust › Brightness/Contrast), so SAM sees what the
 * user sees. The result is keyed by content, so an unchanged plane is encoded once.
 * Stateless and thread-safe; reads but never changes the image.
 */
public final class ImageInput {

	private ImageInput() { }

	/** The image's current plane. */
	public static SamImage of(ImagePlus imp) {
		return of(imp, imp.getCurrentSlice());
	}

	/** Plane {@code stackIndex} (1-based, as ImageJ counts) of the image. */
	public static SamImage of(ImagePlus imp, int stackIndex) {
		ImageProcessor ip = imp.getStackSize() == 1 ? imp.getProcessor() : imp.getStack().getProcessor(stackIndex);
		int w = ip.getWidth(), h = ip.getHeight();
		SamImage image;
		switch (imp.getType()) {
			case ImagePlus.GRAY8:
				image = SamImage.gray8(w, h, (byte[]) ip.getPixels());
				break;
			case ImagePlus.COLOR_256:
				image = SamImage.rgb(w, h, (int[]) ip.convertToRGB().getPixels());
				break;
			case ImagePlus.GRAY16:
				image = SamImage.gray16(w, h, (short[]) ip.getPixels(), displayRange(imp));
				break;
			case ImagePlus.GRAY32:
				image = SamImage.gray32(w, h, (float[]) ip.getPixels(), displayRange(imp));
				break;
			case ImagePlus.COLOR_RGB:
				image = SamImage.rgb(w, h, (int[]) ((ColorProcessor) ip).getPixels());
				break;
			default:
				throw new SamException("Image '" + imp.getTitle() + "' has a type SAM cannot take (" + imp.getBitDepth()
					+ "-bit); convert it to 8-bit, 16-bit, 32-bit or RGB (Image › Type).");
		}
		return image.withContentKey();
	}

	private static IntensityRange displayRange(ImagePlus imp) {
		double min = imp.getDisplayRangeMin(), max = imp.getDisplayRangeMax();
		if (!(max > min))
			throw new SamException("Image '" + imp.getTitle() + "' has an empty display range [" + min + ", " + max
				+ "]; set one with Image › Adjust › Brightness/Contrast (SAM maps that range to 0..255).");
		return IntensityRange.of(min, max);
	}
}
