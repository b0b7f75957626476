package io.github.samij.core.instances;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.ImageSource;
import io.github.samij.core.Nuclei;
import io.github.samij.core.Progress;
import io.github.samij.core.SamException;
import io.github.samij.core.SharedSegmenter;
import io.github.samij.core.TestImages;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.prompt.Crop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.img.array.ArrayImgs;

import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.Unsigned4BitType;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Segment All in tiles on a 512² mosaic of DSB dsb005 (2 × 2 copies of 66 nuclei), against the
 * mosaic's ground truth: tiles of 320 with an overlap of 64 start at 0 and 192, so their borders
 * (192, 320) cut nuclei away from the copies' own seam (256).
 */
class TiledSegmentAllTest {

	static final int TILE = 320, OVERLAP = 64;
	static final String IMAGE = "dsb005";
	static Nuclei truth;
	static SamImage mosaic;
	static ArrayImg<IntType, IntArray> labels;
	static TiledSegmentAll.Result result;
	static final List<int[]> windowsRead = new ArrayList<>();

	@BeforeAll
	static void segmentTheMosaic() {
		truth = new Nuclei(IMAGE, 256, 256).tiled(2);
		mosaic = TestImages.tiled(TestImages.load(TestImages.dsb(IMAGE)), 2);
		labels = ArrayImgs.ints(mosaic.width(), mosaic.height());
		result = new TiledSegmentAll(SharedSegmenter.get(), SegmentAllSettings.DEFAULT, TILE, OVERLAP).run(counting(mosaic),
			labels, Progress.NONE, () -> false);
	}

	/** The mosaic as a source that notes every window read. */
	private static ImageSource counting(SamImage image) {
		return new ImageSource() {
			@Override
			public int width() {
				return image.width();
			}

			@Override
			public int height() {
				return image.height();
			}

			@Override
			public Object key(Crop window) {
				return null;
			}

			@Override
			public SamImage pixels(Crop window) {
				synchronized (windowsRead) {
					windowsRead.add(new int[] { window.x, window.y, window.width, window.height });
				}
				return image.pixels(window);
			}
		};
	}

	private static int[] labelArray() {
		return labels.update(null).getCurrentStorageArray();
	}

	@Test
	void theTiledRunIsAsAccurateAsOneTileAlone() {
		double tiled = truth.ap50(labelArray(), result.count());
		Instances alone = new SegmentAll(SharedSegmenter.get(), SegmentAllSettings.DEFAULT).run(mosaic.crop(0, 0, TILE, TILE),
			Progress.NONE, () -> false);
		double single = truth.crop(0, 0, TILE, TILE).ap50(alone.labels(), alone.count());
		assertEquals(4, result.tiles);
		assertTrue(single >= 0.4, "one tile alone: AP@0.5 " + single);
		assertTrue(tiled >= single - 0.05, "tiled AP@0.5 " + tiled + " vs one tile alone " + single);
	}

	@Test
	void aNucleusCutByATileBorderIsOneLabel() {
		int[] predicted = labelArray();
		int cut = 0, split = 0, crossing = 0;
		for (int t = 1; t <= truth.count; t++) {
			int[] box = truth.box(t);
			boolean crosses = false;
			for (int border : new int[] { 192, 320 })
				crosses |= box[0] < border && box[2] > border || box[1] < border && box[3] > border;
			long area = truth.area(t);
			if (!crosses || area < 30) continue;
			crossing++;
			Map<Integer, Long> inside = new HashMap<>();
			for (int i = 0; i < predicted.length; i++)
				if (truth.labels[i] == t && predicted[i] > 0) inside.merge(predicted[i], 1L, Long::sum);
			long big = inside.values().stream().filter(n -> n >= 0.2 * area).count();
			if (inside.values().stream().mapToLong(Long::longValue).sum() < 0.5 * area) continue; // not found at all
			cut++;
			if (big > 1) split++;
		}
		assertTrue(cut >= 10, "crossing " + crossing + "; nuclei across a tile border: " + cut + " (the test needs some)");
		assertEquals(0, split, split + " of " + cut + " nuclei across a tile border were split into two labels");
		assertTrue(result.merged > 0, "objects seen by two tiles were merged");
	}

	@Test
	void labelsAreThoseOfTheObjectsAndTilesAreReadOneAtATime() {
		int[] predicted = labelArray();
		long[] area = new long[result.count() + 1];
		for (int l : predicted) area[l]++;
		for (Instance o : result.objects) assertEquals(o.area(), area[o.label()], o.toString());
		for (int l = 1; l <= result.count(); l++) assertTrue(area[l] >= SegmentAllSettings.DEFAULT.minArea(), "label " + l);
		assertEquals(Boolean.TRUE, result.bright);
		for (int[] r : windowsRead) assertTrue(r[2] <= TILE && r[3] <= TILE, "no window larger than a tile is read");
		long tilesRead = windowsRead.stream().filter(r -> r[2] == TILE && r[3] == TILE).count();
		assertEquals(4, tilesRead, "each tile read once");
	}

	@Test
	void anImageNoLargerThanATileIsPlainSegmentAll() {
		SamImage image = TestImages.load(TestImages.dsb(IMAGE));
		ArrayImg<IntType, IntArray> one = ArrayImgs.ints(256, 256);
		TiledSegmentAll.Result r = new TiledSegmentAll(SharedSegmenter.get(), SegmentAllSettings.DEFAULT, TILE, OVERLAP).run(image,
			one, Progress.NONE, () -> false);
		Instances plain = new SegmentAll(SharedSegmenter.get(), SegmentAllSettings.DEFAULT).run(image, Progress.NONE, () -> false);
		assertEquals(1, r.tiles);
		assertEquals(plain.count(), r.count());
		assertArrayEquals(plain.labels(), one.update(null).getCurrentStorageArray(), "one tile labels as Segment All does");
	}

	@Test
	void badSizesAndTypesAreRefusedBeforeAnythingRuns() {
		TiledSegmentAll tiled = new TiledSegmentAll(SharedSegmenter.get(), SegmentAllSettings.DEFAULT, TILE, OVERLAP);
		SamException size = assertThrows(SamException.class, () -> tiled.run(mosaic, ArrayImgs.ints(100, 100), Progress.NONE,
			() -> false));
		assertEquals("The label image must be 512×512 like the image, not 100×100.", size.getMessage());
		assertThrows(SamException.class, () -> new TiledSegmentAll(SharedSegmenter.get(), SegmentAllSettings.DEFAULT, 32, 0));
		SamException overlap = assertThrows(SamException.class, () -> new TiledSegmentAll(SharedSegmenter.get(),
			SegmentAllSettings.DEFAULT, 512, 300));
		assertEquals("An overlap of 300 pixels does not fit tiles of 512; give 0 to 256.", overlap.getMessage());
		SamException bits = assertThrows(SamException.class, () -> tiled.run(mosaic,
			new ArrayImgFactory<>(new Unsigned4BitType()).create(512, 512), Progress.NONE, () -> false));
		assertTrue(bits.getMessage().contains("32 bits"), bits.getMessage());
		assertThrows(CancellationException.class, () -> tiled.run(mosaic, ArrayImgs.ints(512, 512), Progress.NONE, () -> true));
	}

	@Test
	void tilesCoverTheImageAndTheLastIsFlushWithTheEnd() {
		TiledSegmentAll t = new TiledSegmentAll(SharedSegmenter.get(), SegmentAllSettings.DEFAULT, 1024, 128);
		assertArrayEquals(new int[] { 0 }, t.starts(1000));
		assertArrayEquals(new int[] { 0, 896, 1792, 2688, 3584, 4480, 5120 }, t.starts(6144));
		assertArrayEquals(new int[] { 0, 76 }, t.starts(1100));
	}
}
