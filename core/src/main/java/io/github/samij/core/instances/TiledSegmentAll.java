package io.github.samij.core.instances;

import io.github.samij.core.ImageSource;
import io.github.samij.core.Progress;
import io.github.samij.core.SamException;
import io.github.samij.core.Segmenter;
import io.github.samij.core.image.Otsu;
import io.github.samij.core.image.Preprocessor;
import io.github.samij.core.prompt.Crop;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import net.imglib2.Cursor;
import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.view.Views;

/**
 * Segment All on an image of any size: {@link SegmentAll} on overlapping tiles of SAM's view
 * ({@value #DEFAULT_TILE} pixels by default, so that SAM sees every tile at full resolution), the
 * tiles' objects merged into one label image. Tiles are read from the {@link ImageSource} one at a
 * time and the labels written into a caller's ImgLib2 image tile by tile, so memory holds a tile's
 * pixels and labels, whatever the image's size (plus the label image, unless the caller's is
 * lazily stored).
 * <p>
 * Merging: tiles are run row by row, each overlapping the tiles before it by {@code overlap}
 * pixels. An object of a tile is the same object as a label already in the label image when, in
 * the part of the tile that earlier tiles covered, at least {@value #SAME_OBJECT} of the smaller of
 * the two lies in both; it then adds its pixels to that label, else it gets a new one. Both tiles
 * see the pixels there, so an object cut by a tile's border, or seen whole by one tile and cut by
 * the other, is one label. (Not IoU: SAM draws an object cut by a tile's edge a little differently
 * near the edge, and such a pair was seen at IoU 0.49 in the tests.)
 * Pixels already labelled are never relabelled. Labels are numbered 1, 2, … in the order objects
 * are first found. An image no larger than a tile is one tile, which is plain Segment All.
 * <p>
 * Seeds on {@code objects=auto} take one side for the whole image, from Otsu's threshold on a
 * sample of {@value #SAMPLE_WINDOWS} windows spread over it, so that a tile of background does not
 * flip to the other side.
 * <p>
 * Thread-safety: {@link #run} may be called from any thread, by several at once with different
 * label images; each run is confined to its thread. Progress and cancel as {@link SegmentAll}.
 */
public final class TiledSegmentAll {

	/** SAM's view: a tile of this side is encoded at full resolution. */
	public static final int DEFAULT_TILE = Preprocessor.SIDE;
	/** Larger than a nucleus or a cell at full resolution, so that each is seen whole by one tile. */
	public static final int DEFAULT_OVERLAP = 128;
	/** The part of the smaller of two objects, in the shared part of two tiles, that both must cover to be one object. */
	static final double SAME_OBJECT = 0.5;
	/** Windows of {@value #SAMPLE_SIDE}² sampled to choose bright or dark objects. */
	static final int SAMPLE_WINDOWS = 16;
	static final int SAMPLE_SIDE = 256;

	private final Segmenter segmenter;
	private final SegmentAllSettings settings;
	private final int tile;
	private final int overlap;

	/**
	 * @param tile the side of a tile, at least 64 pixels
	 * @param overlap how much neighbouring tiles overlap, from 0 to half a tile
	 * @throws SamException when tile or overlap is out of range
	 */
	public TiledSegmentAll(Segmenter segmenter, SegmentAllSettings settings, int tile, int overlap) {
		if (tile < 64) throw new SamException("A tile of " + tile + " pixels is too small; give at least 64 (SAM sees "
			+ DEFAULT_TILE + ").");
		if (overlap < 0 || 2 * overlap > tile)
			throw new SamException("An overlap of " + overlap + " pixels does not fit tiles of " + tile + "; give 0 to " + tile / 2 + ".");
		this.segmenter = segmenter;
		this.settings = settings;
		this.tile = tile;
		this.overlap = overlap;
	}

	/** What a run found: the objects by label ({@code objects.get(k - 1)} has label k), with the run's figures. */
	public static final class Result {
		public final List<Instance> objects;
		/** Tiles segmented. */
		public final int tiles;
		/** Objects of a tile merged into an object of an earlier tile. */
		public final int merged;
		/** Whether seeds were taken as bright objects; {@code null} for the grid. */
		public final Boolean bright;
		public final double seconds;

		Result(List<Instance> objects, int tiles, int merged, Boolean bright, double seconds) {
			this.objects = objects;
			this.tiles = tiles;
			this.merged = merged;
			this.bright = bright;
			this.seconds = seconds;
		}

		public int count() {
			return objects.size();
		}
	}

	/**
	 * Segments every object of {@code image} into {@code labels} (of the image's size, all 0).
	 *
	 * @throws CancellationException when cancelled; the label image then holds the tiles finished so
	 *           far: discard it
	 * @throws SamException when the label image's size is not the image's, or it cannot hold the labels
	 */
	public <L extends IntegerType<L>> Result run(ImageSource image, RandomAccessibleInterval<L> labels, Progress progress,
		BooleanSupplier cancelled)
	{
		long start = System.nanoTime();
		int w = image.width(), h = image.height();
		if (labels.numDimensions() != 2 || labels.dimension(0) != w || labels.dimension(1) != h)
			throw new SamException("The label image must be " + w + "×" + h + " like the image, not " + describe(labels) + ".");
		SegmentAllSettings tileSettings = tileSettings(image);
		Merge merge = merge(labels);
		List<Crop> tiles = tiles(w, h);
		int n = tiles.size();
		Boolean bright = null;
		for (int t = 0; t < n; t++) {
			if (cancelled.getAsBoolean()) throw new CancellationException("Segment All was cancelled.");
			int done = t;
			Progress tileProgress = (message, f) -> progress.report(String.format(Locale.ROOT, "Tile %d of %d: %s", done + 1, n,
				message), (done + Math.max(0, f)) / n);
			Instances found = segmentTile(image, tiles.get(t), tileSettings, tileProgress, cancelled);
			// The side the seeds were taken from, as the tile's Segment All reports it (a flat tile reports none).
			if (found.run().bright != null) bright = found.run().bright;
			merge.add(tiles.get(t), found);
		}
		return new Result(merge.objects(), n, merge.merged, bright, (System.nanoTime() - start) / 1e9);
	}

	/** The tiles of a w × h image, row by row: the order {@link #run} segments and merges them in. */
	public List<Crop> tiles(int w, int h) {
		int[] xs = starts(w), ys = starts(h);
		List<Crop> tiles = new ArrayList<>(xs.length * ys.length);
		for (int y : ys)
			for (int x : xs) tiles.add(Crop.of(x, y, Math.min(tile, w), Math.min(tile, h), w, h));
		return tiles;
	}

	/**
	 * The settings every tile of the image runs with: seeds on {@code objects=auto} take one side for
	 * the whole image, from a sample of it, when there is more than one tile.
	 */
	public SegmentAllSettings tileSettings(ImageSource image) {
		if (settings.prompts() != SegmentAllSettings.Prompts.SEEDS || settings.objects() != SegmentAllSettings.Objects.AUTO
			|| tiles(image.width(), image.height()).size() == 1)
			return settings;
		return settings.withObjects(brightIsMinority(image) ? SegmentAllSettings.Objects.BRIGHT : SegmentAllSettings.Objects.DARK);
	}

	/**
	 * Segment All on one tile, in the tile's coordinates: what {@link #run} does for each tile, for
	 * callers that segment tiles side by side (e.g. on several machines) and merge them in order.
	 */
	public Instances segmentTile(ImageSource image, Crop tile, SegmentAllSettings tileSettings, Progress progress,
		BooleanSupplier cancelled)
	{
		return new SegmentAll(segmenter, tileSettings).run(image.pixels(tile), progress, cancelled);
	}

	/**
	 * A merge of tiles into {@code labels} (of the image's size, all 0): {@link Merge#add} each tile's
	 * objects in the order of {@link #tiles}, and the label image is {@link #run}'s.
	 */
	public Merge merge(RandomAccessibleInterval<? extends IntegerType<?>> labels) {
		return new Merge(Views.zeroMin(labels), settings.minArea());
	}

	/** Tile origins along an axis of {@code size} pixels: every stride, the last flush with the end. */
	int[] starts(int size) {
		if (size <= tile) return new int[] { 0 };
		int stride = tile - overlap;
		int n = (size - tile + stride - 1) / stride + 1;
		int[] s = new int[n];
		for (int k = 0; k < n; k++) s[k] = Math.min(k * stride, size - tile);
		return s;
	}

	/** Otsu's side on a sample of windows spread over the image. */
	private static boolean brightIsMinority(ImageSource image) {
		int w = image.width(), h = image.height(), side = Math.min(SAMPLE_SIDE, Math.min(w, h));
		int per = (int) Math.round(Math.sqrt(SAMPLE_WINDOWS));
		long[] histogram = new long[256];
		for (int j = 0; j < per; j++)
			for (int i = 0; i < per; i++) {
				int x = (int) ((long) (w - side) * i / Math.max(1, per - 1)), y = (int) ((long) (h - side) * j / Math.max(1, per - 1));
				long[] part = Otsu.histogram(Seeds.gray(image.pixels(Crop.of(x, y, side, side, w, h))));
				for (int v = 0; v < 256; v++) histogram[v] += part[v];
			}
		return Otsu.brightIsMinority(histogram);
	}

	private static long maxValue(RandomAccessibleInterval<? extends IntegerType<?>> labels) {
		IntegerType<?> t = Views.iterable(labels).firstElement();
		return (long) Math.min(Long.MAX_VALUE, t.getMaxValue());
	}

	private static String describe(RandomAccessibleInterval<?> image) {
		StringBuilder b = new StringBuilder();
		for (int d = 0; d < image.numDimensions(); d++) b.append(d == 0 ? "" : "×").append(image.dimension(d));
		return b.toString();
	}

	/** The label image so far and what each label holds. Use from one thread. */
	public static final class Merge {
		final RandomAccessibleInterval<? extends IntegerType<?>> labels;
		/** The fewest unlabelled pixels a tile's object needs to become a new label. */
		final long minArea;
		/** The largest label the label image's type holds. */
		final long maxLabel;
		final List<Crop> done = new ArrayList<>();
		final List<Piece> pieces = new ArrayList<>();
		int merged;

		Merge(RandomAccessibleInterval<? extends IntegerType<?>> labels, long minArea) {
			this.labels = labels;
			this.maxLabel = maxValue(labels);
			this.minArea = Math.max(1, minArea);
		}

		/**
		 * Merges one tile's objects into the label image; an object that is no earlier label and has
		 * fewer than {@code minArea} pixels not yet labelled is dropped.
		 *
		 * @throws SamException when the label image's type cannot hold another label
		 */
		public void add(Crop window, Instances found) {
			int tw = window.width, th = window.height;
			FinalInterval rect = new FinalInterval(new long[] { window.x, window.y },
				new long[] { window.x + tw - 1L, window.y + th - 1L });
			int[] old = new int[tw * th];
			Cursor<? extends IntegerType<?>> c = Views.flatIterable(Views.interval(labels, rect)).cursor();
			for (int i = 0; i < old.length; i++) old[i] = c.next().getInteger();
			BitSet seen = seenBefore(window);
			int[] local = found.labels();
			int k = found.count();
			long[] inBand = new long[k + 1], free = new long[k + 1];
			Map<Integer, Long> oldArea = new HashMap<>();
			List<Map<Integer, Long>> shared = new ArrayList<>(k + 1);
			for (int l = 0; l <= k; l++) shared.add(new HashMap<>());
			for (int i = 0; i < old.length; i++) {
				if (old[i] > 0) oldArea.merge(old[i], 1L, Long::sum);
				else if (local[i] > 0) free[local[i]]++;
				if (local[i] == 0 || !seen.get(i)) continue;
				inBand[local[i]]++;
				if (old[i] > 0) shared.get(local[i]).merge(old[i], 1L, Long::sum);
			}
			int[] global = new int[k + 1];
			for (int l = 1; l <= k; l++) {
				int best = 0;
				long inter = 0;
				for (Map.Entry<Integer, Long> e : shared.get(l).entrySet())
					if (e.getValue() > inter) {
						best = e.getKey();
						inter = e.getValue();
					}
				if (best > 0 && inter >= SAME_OBJECT * Math.min(inBand[l], oldArea.get(best))) {
					global[l] = best;
					merged++;
				}
				else if (free[l] >= minArea) {
					if (pieces.size() >= maxLabel)
						throw new SamException("More than " + maxLabel + " objects do not fit the label image's type; give one of 32 "
							+ "bits (IntType).");
					pieces.add(new Piece(found.objects().get(l - 1), window));
					global[l] = pieces.size();
				}
			}
			for (int i = 0; i < old.length; i++) {
				if (local[i] == 0 || old[i] != 0 || global[local[i]] == 0) continue;
				old[i] = global[local[i]];
				pieces.get(old[i] - 1).add(window.x + i % tw, window.y + i / tw);
			}
			c.reset();
			for (int v : old) c.next().setInteger(v);
			done.add(window);
		}

		/** The pixels of {@code window} that earlier tiles covered. */
		private BitSet seenBefore(Crop window) {
			BitSet seen = new BitSet(window.width * window.height);
			for (Crop d : done) {
				int x0 = Math.max(d.x, window.x), x1 = Math.min(d.x + d.width, window.x + window.width);
				int y0 = Math.max(d.y, window.y), y1 = Math.min(d.y + d.height, window.y + window.height);
				for (int y = y0; y < y1; y++)
					if (x0 < x1) seen.set((y - window.y) * window.width + x0 - window.x, (y - window.y) * window.width + x1 - window.x);
			}
			return seen;
		}

		/** The objects so far, by label: {@code objects().get(k - 1)} has label k. */
		public List<Instance> objects() {
			List<Instance> objects = new ArrayList<>(pieces.size());
			for (int l = 1; l <= pieces.size(); l++) objects.add(pieces.get(l - 1).instance(l));
			return objects;
		}
	}

	/** One label's object: the scores of the tile object that started it, its pixels counted as they are painted. */
	private static final class Piece {
		final Instance first;
		final double promptX, promptY;
		long area;
		int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;

		Piece(Instance first, Crop window) {
			this.first = first;
			this.promptX = first.promptX() + window.x;
			this.promptY = first.promptY() + window.y;
		}

		void add(int x, int y) {
			area++;
			x0 = Math.min(x0, x);
			y0 = Math.min(y0, y);
			x1 = Math.max(x1, x);
			y1 = Math.max(y1, y);
		}

		Instance instance(int label) {
			int[] bbox = area == 0 ? new int[4] : new int[] { x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
			return new Instance(label, first.token(), first.iou(), first.stability(), area, bbox, promptX, promptY);
		}
	}
}
