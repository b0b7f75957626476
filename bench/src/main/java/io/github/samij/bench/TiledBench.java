package io.github.samij.bench;

import com.google.gson.Gson;

import io.github.samij.cli.eval.InstanceScore;
import io.github.samij.core.Progress;
import io.github.samij.core.SamException;
import io.github.samij.core.Segmenter;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.imglib2.ImgLib2Source;
import io.github.samij.core.imglib2.SamImgLib2;
import io.github.samij.core.instances.Instances;
import io.github.samij.core.instances.SegmentAll;
import io.github.samij.core.instances.SegmentAllSettings;
import io.github.samij.core.instances.TiledSegmentAll;
import io.github.samij.core.model.SamModel;
import io.github.samij.core.prompt.Crop;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.position.FunctionRandomAccessible;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

/**
 * {@code sam-ij bench --tiled}: Segment All in tiles on a {@value #SIDE} × {@value #SIDE} mosaic of
 * sparse fluorescence images of the dev set, run by {@link BenchCommand} in a JVM of its own with
 * {@code -Xmx1g}. The mosaic is an ImgLib2 image computed pixel by pixel from the four small
 * images, never held whole, so the run reads it tile by tile as it would a lazily loaded image;
 * the labels go into a 16-bit array image (72 MiB). Reports seconds, tiles, the peak heap and the
 * peak resident set (ONNX Runtime included), and AP@0.5 against the mosaic's ground truth, beside
 * the AP of one tile-sized crop segmented alone. Prints its report as one JSON line on stdout.
 */
final class TiledBench {

	static final int SIDE = 6144, SOURCE = 256;
	/** Fluorescence images of 256² with 8 or 9 nuclei each: a sparse mosaic, so the run takes minutes, not an hour. */
	static final String[] SOURCES = { "dsb003", "dsb011", "dsb033", "dsb039" };

	private final byte[][] grey = new byte[SOURCES.length][];
	private final int[][] truth = new int[SOURCES.length][];
	private final int maxLabel;

	private TiledBench(Path root) {
		int max = 0;
		for (int k = 0; k < SOURCES.length; k++) {
			Path file = root.resolve("sample-data/dsb2018-dev/" + SOURCES[k]);
			grey[k] = BenchImages.sam(BenchCommand.readPicture(Paths.get(file + ".png"))).plane(1);
			BufferedImage labels = BenchCommand.readPicture(Paths.get(file + "_labels.png"));
			truth[k] = labels.getRaster().getSamples(0, 0, SOURCE, SOURCE, 0, new int[SOURCE * SOURCE]);
			for (int l : truth[k]) max = Math.max(max, l);
		}
		maxLabel = max;
	}

	private int copy(long x, long y) {
		return (int) ((y / SOURCE) * (SIDE / SOURCE) + x / SOURCE);
	}

	private int index(long x, long y) {
		return (int) ((y % SOURCE) * SOURCE + x % SOURCE);
	}

	/** The mosaic's grey value at (x, y). */
	private int pixel(long x, long y) {
		return grey[copy(x, y) % SOURCES.length][index(x, y)] & 0xff;
	}

	/** The mosaic's ground-truth label at (x, y): each copy's nuclei numbered apart. */
	private int label(long x, long y) {
		int c = copy(x, y), l = truth[c % SOURCES.length][index(x, y)];
		return l == 0 ? 0 : l + maxLabel * c;
	}

	/**
	 * Runs the benchmark in a child JVM with {@code -Xmx1g} and this JVM's class path; its progress
	 * goes to this JVM's stderr.
	 *
	 * @return the child's report
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> inChildJvm(Path root) {
		ProcessBuilder b = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
			"-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), TiledBench.class.getName(), root.toString())
				.redirectError(ProcessBuilder.Redirect.INHERIT);
		try {
			Process p = b.start();
			String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
			if (p.waitFor() != 0 || out.isEmpty())
				throw new SamException("The tiled benchmark's JVM failed (exit " + p.exitValue() + "); its messages are above.");
			return new Gson().fromJson(out.substring(out.lastIndexOf('\n') + 1), Map.class);
		}
		catch (java.io.IOException e) {
			throw new SamException("Cannot start the tiled benchmark's JVM: " + e.getMessage());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new SamException("The tiled benchmark was interrupted.");
		}
	}

	public static void main(String[] args) {
		Path root = Paths.get(args[0]);
		TiledBench bench = new TiledBench(root);
		RandomAccessibleInterval<UnsignedByteType> mosaic = Views.interval(new FunctionRandomAccessible<UnsignedByteType>(2,
			(pos, t) -> t.set(bench.pixel(pos.getLongPosition(0), pos.getLongPosition(1))), UnsignedByteType::new),
			Intervals.createMinSize(0, 0, SIDE, SIDE));
		Map<String, Object> m = new LinkedHashMap<>();
		try (SamModel model = SamModel.loadDefault(Progress.NONE)) {
			Segmenter segmenter = new Segmenter(model, Segmenter.DEFAULT_CACHE_BYTES);
			ArrayImg<UnsignedShortType, ShortArray> labels = ArrayImgs.unsignedShorts(SIDE, SIDE);
			long t0 = System.nanoTime();
			TiledSegmentAll.Result r = new SamImgLib2(segmenter).segmentAll(mosaic, labels, SegmentAllSettings.DEFAULT,
				TiledSegmentAll.DEFAULT_TILE, TiledSegmentAll.DEFAULT_OVERLAP,
				(message, f) -> System.err.println(String.format(Locale.ROOT, "tiled: %s (%.0f%%)", message, 100 * f)), () -> false);
			double seconds = (System.nanoTime() - t0) / 1e9;
			m.put("what", "Segment All in tiles of " + TiledSegmentAll.DEFAULT_TILE + " (overlap " + TiledSegmentAll.DEFAULT_OVERLAP
				+ ") on a " + SIDE + "x" + SIDE + " mosaic of " + String.join(", ", SOURCES) + ", -Xmx" + Runtime.getRuntime()
					.maxMemory() / (1 << 20) + "m, read lazily from an ImgLib2 function image");
			m.put("seconds", round(seconds));
			m.put("tiles", r.tiles);
			m.put("seconds_per_tile", round(seconds / r.tiles));
			m.put("objects", r.count());
			m.put("merged_across_tiles", r.merged);
			m.put("peak_heap_mib", MemoryProbe.peakHeapBytes() >> 20);
			m.put("peak_resident_mib", MemoryProbe.peakResidentBytes() >> 20);
			m.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
			int[] predicted = new int[SIDE * SIDE];
			Cursor<UnsignedShortType> c = Views.flatIterable(labels).cursor();
			for (int i = 0; i < predicted.length; i++) predicted[i] = c.next().get();
			labels = null; // the evaluation needs the room
			m.put("ap50_tiled", round(InstanceScore.of(predicted, bench.truth(0, 0, SIDE)).ap(0)));
			m.put("ap50_one_tile_alone", round(bench.oneTileAlone(segmenter, mosaic)));
		}
		System.out.println(new Gson().toJson(m));
	}

	/** The ground truth of the square at (x0, y0). */
	private int[] truth(int x0, int y0, int side) {
		int[] t = new int[side * side];
		for (int y = 0; y < side; y++)
			for (int x = 0; x < side; x++) t[y * side + x] = label(x0 + x, y0 + y);
		return t;
	}

	/** AP@0.5 of plain Segment All on the mosaic's first tile, alone. */
	private double oneTileAlone(Segmenter segmenter, RandomAccessibleInterval<UnsignedByteType> mosaic) {
		int side = TiledSegmentAll.DEFAULT_TILE;
		SamImage tile = ImgLib2Source.of(mosaic).pixels(Crop.of(0, 0, side, side, SIDE, SIDE));
		Instances alone = new SegmentAll(segmenter, SegmentAllSettings.DEFAULT).run(tile, Progress.NONE, () -> false);
		return InstanceScore.of(alone.labels(), truth(0, 0, side)).ap(0);
	}

	private static double round(double v) {
		return Math.round(v * 1000) / 1000.0;
	}
}
