package io.github.samij.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.image.IntensityRange;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.mask.Scale;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import org.junit.jupiter.api.Test;

/** Every bit depth and odd sizes go through the real model and give masks of the image's size. */
class ImageTypesTest {

	/** A bright disc of radius r at (cx, cy) on a dark background, as 0..1 intensities. */
	private static double disc(int x, int y, double cx, double cy, double r) {
		return Math.hypot(x - cx, y - cy) <= r ? 1 : 0.1;
	}

	/** An 8-bit w × h image of a disc of radius r at (cx, cy), {@code level} bright on a dark background. */
	private static SamImage greyDisc(int w, int h, double cx, double cy, double r, int level) {
		byte[] px = new byte[w * h];
		for (int i = 0; i < px.length; i++) px[i] = (byte) (level * disc(i % w, i / w, cx, cy, r));
		return SamImage.gray8(w, h, px);
	}

	private static Mask segmentDisc(SamImage image, double cx, double cy) {
		Prediction p = SharedSegmenter.get().segment(image, Prompt.point(cx, cy), MaskMode.MULTI);
		assertEquals(3, p.masks().size());
		for (Mask m : p.masks()) {
			assertEquals(image.width() * image.height(), m.pixels().length);
			assertEquals(image.width(), m.width());
		}
		Mask sub = p.masks().stream().filter(m -> m.scale() == Scale.SUBPART).findFirst().orElseThrow();
		assertFalse(sub.isEmpty());
		assertTrue(sub.pixels()[(int) cy * image.width() + (int) cx] != 0, "the click lies in the smallest mask");
		return sub;
	}

	@Test
	void eightBitGray() {
		Mask m = segmentDisc(greyDisc(300, 200, 150, 100, 40, 200), 150, 100);
		assertTrue(Math.abs(m.area() - Math.PI * 40 * 40) < 0.15 * Math.PI * 40 * 40, "the disc: " + m);
	}

	@Test
	void sixteenBitMappedByRange() {
		int w = 256, h = 256;
		short[] px = new short[w * h];
		for (int i = 0; i < px.length; i++) px[i] = (short) (1000 + 40000 * disc(i % w, i / w, 128, 128, 30));
		IntensityRange range = IntensityRange.percentiles(px);
		assertTrue(range.min() >= 1000 && range.max() <= 41000, range.toString());
		Mask m = segmentDisc(SamImage.gray16(w, h, px, range), 128, 128);
		assertTrue(Math.abs(m.area() - Math.PI * 30 * 30) < 0.15 * Math.PI * 30 * 30, "the disc: " + m);
	}

	@Test
	void thirtyTwoBitMappedByRange() {
		int w = 200, h = 260;
		float[] px = new float[w * h];
		for (int i = 0; i < px.length; i++) px[i] = (float) (-3 + 10 * disc(i % w, i / w, 100, 130, 35));
		px[0] = Float.NaN;
		segmentDisc(SamImage.gray32(w, h, px, IntensityRange.minMax(px)), 100, 130);
	}

	@Test
	void rgb() {
		int w = 320, h = 240;
		int[] px = new int[w * h];
		for (int i = 0; i < px.length; i++) px[i] = disc(i % w, i / w, 160, 120, 50) > 0.5 ? 0xc03020 : 0x203040;
		segmentDisc(SamImage.rgb(w, h, px), 160, 120);
	}

	@Test
	void tinyImage() {
		segmentDisc(greyDisc(40, 40, 20, 20, 8, 220), 20, 20);
	}

	@Test
	void elongatedImage() {
		Mask m = segmentDisc(greyDisc(2000, 60, 1000, 30, 20, 220), 1000, 30);
		assertTrue(m.bbox()[0] > 900 && m.bbox()[0] + m.bbox()[2] < 1100, "the disc, not the strip: " + m);
	}

	@Test
	void singlePixelImageIsAcceptedAndMismatchedDataIsNot() {
		segmentAny(SamImage.gray8(1, 1, new byte[] { 5 }));
		SamException e = assertThrows(SamException.class, () -> SamImage.gray8(10, 10, new byte[99]));
		assertEquals("Pixel data of 99 values does not fit a 10×10 image.", e.getMessage());
		e = assertThrows(SamException.class, () -> SamImage.gray8(0, 10, new byte[0]));
		assertEquals("The image is 0×10 pixels; SAM needs at least one pixel.", e.getMessage());
	}

	private static void segmentAny(SamImage image) {
		Prediction p = SharedSegmenter.get().segment(image, Prompt.point(0, 0), MaskMode.AUTO);
		assertEquals(3, p.masks().size());
	}

	@Test
	void intensityRangesMapAsDocumented() {
		IntensityRange r = IntensityRange.of(100, 355);
		assertEquals(0, r.toByte(50));
		assertEquals(0, r.toByte(100));
		assertEquals(128, r.toByte(227.5));
		assertEquals(255, r.toByte(355));
		assertEquals(255, r.toByte(60000));
		assertEquals(0, r.toByte(Double.NaN));
		short[] values = new short[1000];
		for (int i = 0; i < values.length; i++) values[i] = (short) i;
		values[999] = (short) 65000; // one hot pixel
		IntensityRange p = IntensityRange.percentiles(values);
		assertTrue(p.max() < 1000, "percentiles ignore the hot pixel: " + p);
		assertEquals(65000, IntensityRange.minMax(values).max());
		SamException e = assertThrows(SamException.class, () -> IntensityRange.of(5, 1));
		assertTrue(e.getMessage().startsWith("Invalid intensity range [5.0, 1.0]"));
	}
}
