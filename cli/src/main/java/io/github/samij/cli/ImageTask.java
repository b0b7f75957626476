package io.github.samij.cli;

import io.github.samij.core.Progress;
import io.github.samij.core.SamException;
import io.github.samij.core.Segmenter;
import io.github.samij.core.batch.AtomicFiles;
import io.github.samij.core.batch.BatchFiles;
import io.github.samij.core.batch.PromptCsv;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.instances.Instance;
import io.github.samij.core.instances.Instances;
import io.github.samij.core.instances.TiledSegmentAll;
import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.prompt.Crop;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.imageio.ImageIO;

import net.imglib2.img.array.ArrayImgs;

/**
 * One image of a folder batch: read, segmented (its CSV objects, or Segment All in tiles of SAM's
 * view), its label image written whole or not at all — under a fresh temporary name, then renamed,
 * so a task that fails or runs twice (a Spark retry) never leaves a half-written file — and its rows
 * of the results file returned. Stateless; runs on any thread with a thread-safe segmenter.
 */
public final class ImageTask {

	/** What one image gave: its rows of the results file and its problems. Immutable. */
	public static final class Result implements Serializable {
		private static final long serialVersionUID = 1L;
		public final int index;
		public final boolean done;
		public final String rows;
		public final int objects;
		public final int masks;
		public final List<String> problems;

		Result(int index, boolean done, String rows, int objects, int masks, List<String> problems) {
			this.index = index;
			this.done = done;
			this.rows = rows;
			this.objects = objects;
			this.masks = masks;
			this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
		}
	}

	/** The largest image the batch segments: its label image is one Java array. */
	static final long MAX_PIXELS = Integer.MAX_VALUE - 8;

	private ImageTask() { }

	/**
	 * Segments one image of the plan.
	 *
	 * @throws SamException when its label image cannot be written (which stops a run)
	 */
	public static Result run(BatchPlan plan, BatchPlan.Entry entry, Segmenter segmenter) {
		List<String> problems = new ArrayList<>();
		try {
			return plan.all() ? segmentAll(plan, entry, segmenter, problems) : prompts(plan, entry, segmenter, problems);
		}
		catch (UsageException e) {
			problems.add(entry.where + entry.file + " cannot be read: " + e.getMessage() + "; skipped.");
			return new Result(entry.index, false, "", 0, 0, problems);
		}
	}

	/**
	 * Every object, in tiles of SAM's view; an image larger than a tile is read region by region
	 * ({@link RegionReader}), so only its labels are held whole.
	 */
	private static Result segmentAll(BatchPlan plan, BatchPlan.Entry entry, Segmenter segmenter, List<String> problems) {
		int[] size = size(entry);
		int w = size[0], h = size[1];
		int[] labels = new int[w * h];
		TiledSegmentAll tiled = tiled(plan, segmenter);
		TiledSegmentAll.Result found;
		if (Math.max(w, h) <= plan.tile)
			found = tiled.run(ImageFiles.read(entry.image(), RangeChoice.PERCENTILE).image, ArrayImgs.ints(labels, w, h),
				Progress.NONE, () -> false);
		else try (RegionReader regions = RegionReader.open(entry.image())) {
			found = tiled.run(regions, ArrayImgs.ints(labels, w, h), Progress.NONE, () -> false);
		}
		return written(entry, w, h, labels, found.objects, problems);
	}

	/**
	 * The tiles of an image of a {@code --all} run, in the order they are merged: one for an image
	 * no larger than a tile. Reads the image's header only.
	 *
	 * @throws UsageException when the image cannot be read or is too large for the batch
	 */
	public static List<Crop> tiles(BatchPlan plan, BatchPlan.Entry entry) {
		int[] size = size(entry);
		return tiled(plan, null).tiles(size[0], size[1]);
	}

	/** Segment All on tile {@code t} of {@link #tiles}, read region by region: one part of an image spread over machines. */
	public static Instances segmentTile(BatchPlan plan, BatchPlan.Entry entry, int t, Segmenter segmenter) {
		TiledSegmentAll tiled = tiled(plan, segmenter);
		try (RegionReader regions = RegionReader.open(entry.image())) {
			Crop tile = tiled.tiles(regions.width(), regions.height()).get(t);
			return tiled.segmentTile(regions, tile, tiled.tileSettings(regions), Progress.NONE, () -> false);
		}
	}

	/**
	 * The image's tiles, segmented elsewhere by {@link #segmentTile}, merged in order as a run on
	 * one machine merges them — the same labels — and its label image written.
	 */
	public static Result mergeTiles(BatchPlan plan, BatchPlan.Entry entry, List<Instances> tiles) {
		int[] size = size(entry);
		int w = size[0], h = size[1];
		int[] labels = new int[w * h];
		TiledSegmentAll tiled = tiled(plan, null);
		TiledSegmentAll.Merge merge = tiled.merge(ArrayImgs.ints(labels, w, h));
		List<Crop> windows = tiled.tiles(w, h);
		for (int t = 0; t < windows.size(); t++) merge.add(windows.get(t), tiles.get(t));
		return written(entry, w, h, labels, merge.objects(), new ArrayList<>());
	}

	private static TiledSegmentAll tiled(BatchPlan plan, Segmenter segmenter) {
		return new TiledSegmentAll(segmenter, plan.settings, plan.tile, TiledSegmentAll.DEFAULT_OVERLAP);
	}

	/** The image's size from its header, if the batch's label image can hold it. */
	private static int[] size(BatchPlan.Entry entry) {
		int[] size = RegionReader.size(entry.image());
		if ((long) size[0] * size[1] > MAX_PIXELS)
			throw new UsageException("it is " + size[0] + "x" + size[1] + " pixels, more than the " + MAX_PIXELS + " a label image of "
				+ "the batch holds; crop it into parts, or segment it with SamImgLib2 into a cell label image");
		return size;
	}

	/** One row per object, the label image written. */
	private static Result written(BatchPlan.Entry entry, int w, int h, int[] labels, List<Instance> objects, List<String> problems) {
		StringBuilder rows = new StringBuilder();
		for (Instance o : objects)
			rows.append(BatchFiles.row(entry.file, "", "", o.label(), 1, Prompt.point(o.promptX(), o.promptY()).toString(),
				o.label(), "object", o.iou(), o.stability(), o.area()));
		if (objects.isEmpty()) problems.add(entry.file + ": no objects found.");
		write(entry, LabelImages.image(w, h, labels, objects.size()));
		return new Result(entry.index, true, rows.toString(), objects.size(), objects.size(), problems);
	}

	/** The CSV's objects of the image, one prompt each: the best mask labelled, every mask a row. */
	private static Result prompts(BatchPlan plan, BatchPlan.Entry entry, Segmenter segmenter, List<String> problems) {
		ImageFiles.Loaded loaded = ImageFiles.read(entry.image(), RangeChoice.PERCENTILE);
		// Keyed by content, so that the image is encoded once for all its objects.
		SamImage image = loaded.image.withContentKey();
		int w = image.width(), h = image.height();
		int[] labels = new int[w * h];
		StringBuilder rows = new StringBuilder();
		int objects = 0, masks = 0;
		for (PromptCsv.PromptObject o : plan.csv.objects(entry.file)) {
			String where = plan.csvName + " " + o.where() + ": " + entry.file + ": ";
			if (o.slice > 1) {
				problems.add(where + "slice " + o.slice + " does not exist (the image has 1 plane); object skipped.");
				continue;
			}
			Prediction p;
			try {
				p = segmenter.segment(image, o.prompt, MaskMode.AUTO);
			}
			catch (SamException e) {
				problems.add(where + e.getMessage() + " Object skipped.");
				continue;
			}
			int label = ++objects;
			paint(labels, w, p.masks().get(0), label);
			for (Mask m : p.masks()) {
				rows.append(BatchFiles.row(entry.file, Integer.toString(o.lines.get(0)), o.id, label, o.slice, o.prompt.toString(), m));
				masks++;
			}
		}
		write(entry, LabelImages.image(w, h, labels, objects));
		return new Result(entry.index, true, rows.toString(), objects, masks, problems);
	}

	/** The mask's pixels get {@code label}: later objects over earlier ones, as Segment Folder's label images ({@code LabelImage.paint}). */
	private static void paint(int[] labels, int width, Mask m, int label) {
		int[] win = m.window();
		byte[] px = m.pixels();
		for (int y = 0; y < win[3]; y++)
			for (int x = 0; x < win[2]; x++)
				if (px[y * win[2] + x] != 0) labels[(win[1] + y) * width + win[0] + x] = label;
	}

	private static void write(BatchPlan.Entry entry, BufferedImage labels) {
		try {
			AtomicFiles.write(entry.labels(), out -> {
				if (!ImageIO.write(labels, "tiff", out)) throw new IOException("this Java has no TIFF writer");
			});
		}
		catch (IOException e) {
			throw new SamException("Cannot write the label image of " + entry.file + " to " + entry.labels().getParent() + ": "
				+ AtomicFiles.describe(e) + ".");
		}
	}
}
