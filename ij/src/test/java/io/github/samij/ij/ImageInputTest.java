package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;

import io.github.samij.core.ImageSource;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.prompt.Crop;
import io.github.samij.core.prompt.Prompt;
import io.github.samij.ij.convert.ImageInput;

import org.junit.jupiter.api.Test;

/** A window of a plane converts to the same SAM input as the whole plane cut to that window. */
class ImageInputTest {

	private static final Crop WINDOW = Crop.around(Prompt.point(200, 150), 64, 512, 512);

	@Test
	void aWindowIsTheWholePlaneCut() {
		ImagePlus rgb = IJ.openImage(ImageJFixture.ihc());
		ImageProcessor grey = rgb.getProcessor().convertToByte(false);
		ImageProcessor sixteen = grey.convertToShort(false);
		sixteen.multiply(200);
		ImagePlus s16 = new ImagePlus("16-bit", sixteen);
		s16.setDisplayRange(1000, 40000);
		ImagePlus s32 = new ImagePlus("32-bit", grey.convertToFloat());
		s32.setDisplayRange(10, 200);
		ImagePlus indexed = new ImagePlus("8-bit colour", grey.duplicate());
		indexed.getProcessor().setColorModel(ij.plugin.LutLoader.getLut("fire"));
		for (ImagePlus imp : new ImagePlus[] { rgb, new ImagePlus("8-bit", grey), s16, s32, indexed })
			same(imp, ImageInput.OWN_CHANNEL);

		ImageStack channels = new ImageStack(512, 512);
		for (int c = 0; c < 3; c++) channels.addSlice(rgb.getStack().getProcessor(1).convertToByte(false));
		ImagePlus composite = new CompositeImage(new ImagePlus("composite", channels), CompositeImage.COMPOSITE);
		composite.setDimensions(3, 1, 1);
		same(composite, new int[] { 1, 2, 3 });
		same(composite, new int[] { 2 });
	}

	private static void same(ImagePlus imp, int[] channels) {
		Plane plane = Plane.current(imp);
		ImageSource source = ImageInput.source(imp, plane, channels);
		SamImage window = source.pixels(WINDOW);
		SamImage cut = ImageInput.of(imp, plane, channels).crop(WINDOW.x, WINDOW.y, WINDOW.width, WINDOW.height);
		assertEquals(cut.withContentKey().key(), window.withContentKey().key(), imp.getTitle() + ": the same pixels");
		assertEquals(WINDOW.width, window.width());
		assertEquals(source.key(WINDOW), window.key(), "keyed as the source keys the window");
		assertNotEquals(source.key(null), source.key(WINDOW), "the window is part of the key");
	}
}
