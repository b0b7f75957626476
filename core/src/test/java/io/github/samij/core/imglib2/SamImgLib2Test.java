package io.github.samij.core.imglib2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.Nuclei;
import io.github.samij.core.SamException;
import io.github.samij.core.SharedSegmenter;
import io.github.samij.core.TestImages;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.util.List;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

/** The ImgLib2 entry point on DSB dsb000 with the real model, against the ground truth and the core's own path. */
class SamImgLib2Test {

	private static final SamImgLib2 SAM = new SamImgLib2(SharedSegmenter.get());
	private static final Nuclei TRUTH = new Nuclei("dsb000", 256, 256);
	private static final SamImage IMAGE = TestImages.load(TestImages.dsb("dsb000"));

	/** dsb000 as an ARGB image. */
	private static Img<ARGBType> argb() {
		int[] packed = new int[256 * 256];
		for (int i = 0; i < packed.length; i++)
			packed[i] = 0xff000000 | (IMAGE.plane(0)[i] & 0xff) << 16 | (IMAGE.plane(1)[i] & 0xff) << 8 | IMAGE.plane(2)[i] & 0xff;
		return ArrayImgs.argbs(packed, 256, 256);
	}

	private static byte[] bytes(RandomAccessibleInterval<UnsignedByteType> mask) {
		byte[] out = new byte[(int) Intervals.numElements(mask)];
		Cursor<UnsignedByteType> c = Views.flatIterable(mask).cursor();
		for (int i = 0; i < out.length; i++) out[i] = (byte) c.next().get();
		return out;
	}

	@Test
	void aClickOnAnArgbImgGivesTheCoresMasksAndFindsTheNucleus() {
		int label = TRUTH.nearestPair(40)[0];
		int[] at = TRUTH.interior(label);
		Prompt click = Prompt.point(at[0] + 0.5, at[1] + 0.5);
		List<SamImgLib2.MaskImage> masks = SAM.segment(argb(), click);
		Prediction core = SharedSegmenter.get().segment(IMAGE, click, MaskMode.AUTO);
		assertEquals(3, masks.size(), "one click: three masks");
		double best = 0;
		for (int i = 0; i < 3; i++) {
			assertArrayEquals(core.masks().get(i).imagePixels(), bytes(masks.get(i).image), "mask " + i + " as the core's");
			assertEquals(core.masks().get(i).iou(), masks.get(i).iou());
			best = Math.max(best, TestImages.iou(bytes(masks.get(i).image), TRUTH.labels, label));
		}
		assertTrue(best >= 0.8, "best mask IoU with the nucleus " + best);
		assertTrue(masks.get(0).iou() >= masks.get(1).iou() && masks.get(1).iou() >= masks.get(2).iou(), "ranked by IoU");
	}

	@Test
	void aSixteenBitPlaneOfAStackWithAnOffsetIsSegmentedWhereItLies() {
		// 16-bit data (grey × 100 + 1000) in plane 1 of three, the whole stack placed at (100, 50).
		Img<UnsignedShortType> stack = ArrayImgs.unsignedShorts(256, 256, 3);
		Cursor<UnsignedShortType> c = Views.flatIterable(Views.hyperSlice(stack, 2, 1)).cursor();
		for (int i = 0; i < 256 * 256; i++) c.next().set(1000 + 100 * (IMAGE.plane(1)[i] & 0xff));
		RandomAccessibleInterval<UnsignedShortType> plane = Views.translate(Views.hyperSlice(stack, 2, 1), 100, 50);
		int[] b = TRUTH.box(TRUTH.nearestPair(40)[0]);
		List<SamImgLib2.MaskImage> masks = SAM.segment(plane, Prompt.box(b[0], b[1], b[2], b[3]));
		assertEquals(1, masks.size(), "a box: one mask");
		assertArrayEquals(new long[] { 100, 50 }, Intervals.minAsLongArray(masks.get(0).image), "the mask lies over the plane");
		assertTrue(TestImages.iou(bytes(masks.get(0).image), TRUTH.labels, TRUTH.nearestPair(40)[0]) >= 0.8);
	}

	@Test
	void segmentAllGivesALabelImageOfTheNuclei() {
		SamImgLib2.Labels all = SAM.segmentAll(Views.translate(argb(), 7, 9));
		assertArrayEquals(new long[] { 7, 9 }, Intervals.minAsLongArray(all.image));
		int[] labels = new int[256 * 256];
		Cursor<IntType> c = Views.flatIterable(all.image).cursor();
		for (int i = 0; i < labels.length; i++) labels[i] = c.next().get();
		double ap = TRUTH.ap50(labels, all.objects.size());
		assertTrue(ap >= 0.75, "AP@0.5 " + ap);
		assertEquals(1, all.run.tiles);
	}

	@Test
	void imagesSamCannotTakeGetOneClearMessage() {
		SamException threeD = assertThrows(SamException.class, () -> SAM.segment(ArrayImgs.unsignedBytes(10, 10, 2),
			Prompt.point(5, 5)));
		assertEquals("SAM segments 2D images; this one has 3 dimensions. Give one plane, e.g. Views.hyperSlice(image, 2, z).",
			threeD.getMessage());
		SamException complex = assertThrows(SamException.class, () -> SAM.segment(ArrayImgs.complexFloats(10, 10),
			Prompt.point(5, 5)));
		assertEquals("SAM takes grey images of a real type or colour images of ARGBType, not ComplexFloatType.",
			complex.getMessage());
		assertThrows(SamException.class, () -> SAM.segment(ArrayImgs.unsignedBytes(10, 10), Prompt.point(50, 5)),
			"a click outside the image");
	}
}
