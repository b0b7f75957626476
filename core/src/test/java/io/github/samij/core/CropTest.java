package io.github.samij.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.image.SamImage;
import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.Ranking;
import io.github.samij.core.prompt.Crop;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Segmenting a window around the prompt: where the window goes, and small nuclei in a large image. */
class CropTest {

	@Test
	void theWindowIsCentredOnThePromptAndStaysInsideTheImage() {
		Crop c = Crop.around(Prompt.point(100, 100), 64, 1000, 800);
		assertEquals(List.of(64, 64, 64, 64), List.of(c.x, c.y, c.width, c.height), "68 snapped to the 16-pixel grid");
		c = Crop.around(Prompt.point(5, 790), 64, 1000, 800);
		assertEquals(List.of(0, 736, 64, 64), List.of(c.x, c.y, c.width, c.height), "shifted inside at a corner");
		c = Crop.around(Prompt.box(100, 100, 400, 160), 100, 1000, 800);
		assertEquals(450, c.width, "a box larger than the window: its extent and a quarter on each side");
		assertEquals(List.of(0, 0), List.of(c.x, c.y), "centred on the box (25 snapped to 0), clamped to the top");
		c = Crop.around(Prompt.point(10, 10).withPoint(50, 30, false), 16, 1000, 800);
		assertEquals(List.of(0, 0, 60, 60), List.of(c.x, c.y, c.width, c.height), "every point counts, background too");
		c = Crop.around(Prompt.point(300, 20), 512, 1000, 300);
		assertEquals(List.of(0, 0, 512, 300), List.of(c.x, c.y, c.width, c.height), "as high as the image at most");
		Crop near = Crop.around(Prompt.point(1010, 995), 256, 4096, 4096);
		c = Crop.around(Prompt.point(1000, 1000), 256, 4096, 4096);
		assertEquals(List.of(c.x, c.y), List.of(near.x, near.y), "clicks near each other share a window (one encoding)");
		assertEquals(List.of(896, 896), List.of(c.x, c.y));
		c = Crop.around(Prompt.point(9.89, 5).withPoint(11.09, 5, true), 2, 100, 100);
		assertTrue(c.x <= 9 && c.x + c.width >= 12, "a tiny window still holds every point: " + c);
		Prompt.point(9.89 - c.x, 5 - c.y).withPoint(11.09 - c.x, 5 - c.y, true).checkInside(c.width, c.height);
		assertNull(Crop.around(Prompt.point(10, 10), 0, 1000, 800), "0: the whole image");
		assertNull(Crop.around(Prompt.point(10, 10), 2000, 1000, 800), "a window as large as the image is none");
		SamException e = assertThrows(SamException.class, () -> Crop.around(Prompt.point(1, 1), -5, 10, 10));
		assertEquals("The crop size must be 0 (the whole image) or more pixels, got -5.", e.getMessage());
	}

	@Test
	void aCropKeepsItsPixelsAndIsKeyedByItsSourceAndPlace() {
		int[] rgb = new int[4 * 3];
		for (int i = 0; i < rgb.length; i++) rgb[i] = i << 16 | (100 + i) << 8 | (200 + i);
		SamImage image = SamImage.rgb(4, 3, rgb);
		SamImage crop = image.crop(1, 1, 2, 2);
		assertEquals(2, crop.width());
		assertEquals(5, crop.plane(0)[0], "red of pixel (1, 1)");
		assertEquals((byte) 110, crop.plane(1)[3], "green of pixel (2, 2)");
		assertNull(crop.key(), "an unkeyed image gives unkeyed crops");
		SamImage keyed = image.withKey("slice 1");
		assertEquals(keyed.crop(1, 1, 2, 2).key(), keyed.crop(1, 1, 2, 2).key());
		assertTrue(!keyed.crop(1, 1, 2, 2).key().equals(keyed.crop(0, 1, 2, 2).key()), "another place, another key");
		assertThrows(IllegalArgumentException.class, () -> image.crop(3, 0, 2, 2));
	}

	/**
	 * dsb000 tiled 16 × 16 into a 4096 × 4096 image: on the whole image SAM sees each nucleus at a
	 * quarter of its size; a 256-pixel window shows it at four times its size.
	 */
	@Test
	void aWindowFindsASmallNucleusThatTheWholeImageLoses() {
		SamImage tile = TestImages.load(TestImages.dsb("dsb000"));
		Nuclei nuclei = new Nuclei("dsb000", tile.width(), tile.height());
		int n = 16, w = tile.width() * n, h = tile.height() * n;
		SamImage mosaic = TestImages.tiled(tile, n);

		int label = 14, ox = 7 * tile.width(), oy = 9 * tile.height();
		int[] b = nuclei.box(label);
		Prompt box = Prompt.box(b[0] + ox, b[1] + oy, b[2] + ox, b[3] + oy);
		byte[] truth = new byte[w * h];
		for (int y = 0; y < tile.height(); y++)
			for (int x = 0; x < tile.width(); x++)
				if (nuclei.at(x, y) == label) truth[(y + oy) * w + x + ox] = 1;

		Segmenter s = SharedSegmenter.get();
		Mask whole = s.segment(mosaic, box, MaskMode.AUTO, Ranking.PREDICTED_IOU, 0).best();
		Mask cropped = s.segment(mosaic, box, MaskMode.AUTO, Ranking.PREDICTED_IOU, 256).best();
		double wholeIou = TestImages.iou(whole.imagePixels(), truth), cropIou = TestImages.iou(cropped.imagePixels(), truth);
		System.out.printf("4096² mosaic, nucleus %d: IoU whole image %.3f, 256-pixel window %.3f%n", label, wholeIou, cropIou);
		assertTrue(cropIou >= 0.7, "the window segments the nucleus: IoU " + cropIou);
		assertTrue(cropIou > wholeIou + 0.1, "better than on the whole image: " + cropIou + " vs " + wholeIou);

		// The masks come back in image coordinates, holding only the window's pixels.
		assertEquals(w, cropped.width());
		assertEquals(h, cropped.height());
		int[] window = cropped.window();
		Crop expected = Crop.around(box, 256, w, h);
		assertEquals(List.of(expected.x, expected.y, expected.width, expected.height),
			List.of(window[0], window[1], window[2], window[3]), "the mask covers the window SAM saw");
		assertEquals(window[2] * window[3], cropped.pixels().length, "window-sized: no image-sized array per mask");
		long inside = 0;
		for (byte v : cropped.pixels()) if (v != 0) inside++;
		assertEquals(cropped.area(), inside);
		for (int y = 0; y < tile.height(); y++)
			for (int x = 0; x < tile.width(); x++)
				assertEquals(cropped.imagePixels()[(y + oy) * w + x + ox] != 0, cropped.contains(x + ox, y + oy));
		assertTrue(!whole.isWindowed() && whole.pixels().length == w * h, "the whole image's masks are image-sized");
		assertNull(cropped.lowResLogits(), "the window's logits are not the image's");
		SamException e = assertThrows(SamException.class, () -> box.withMaskInput(cropped.lowResLogits()));
		assertTrue(e.getMessage().contains("a mask segmented in a crop window has none"), e.getMessage());
		int[] bbox = cropped.bbox();
		assertTrue(bbox[0] >= b[0] + ox - 4 && bbox[0] + bbox[2] <= b[2] + ox + 4, "the mask lies on the nucleus: "
			+ java.util.Arrays.toString(bbox));
	}
}
