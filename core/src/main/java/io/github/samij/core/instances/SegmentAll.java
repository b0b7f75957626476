package io.github.samij.core.instances;

import io.github.samij.core.Embedding;
import io.github.samij.core.ImageSource;
import io.github.samij.core.Progress;
import io.github.samij.core.Segmenter;
import io.github.samij.core.image.Preprocessor;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.instances.SegmentAllSettings.Prompts;
import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.mask.Ranking;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Segments every object of an image with SAM. The image is encoded once; point prompts — seeds
 * found in the image ({@link Seeds}) or a regular grid, as SAM's automatic mask generator — are
 * decoded in multi-mask mode, and a mask is kept when SAM's predicted IoU, the stability score and
 * the area pass the settings and it still contains its point once islands and holes under
 * {@code min_area} are removed. A grid point keeps every mask that passes, as SAM does. A seed
 * keeps one object: the first of its masks in {@link Ranking#SMALLEST_CONFIDENT} order that could
 * be an object by its area and contains the seed; when that mask fails the thresholds, it is
 * decoded once more from its bounding box and click (a single-mask prompt: boxes are far more
 * reliable than clicks on nuclei) and the refined mask is kept if it passes and agrees with the
 * first (mask IoU ≥ {@value #AGREE}). After the seeds, the pieces of the image's threshold
 * foreground that the objects leave mostly uncovered are seeded once more ({@link
 * Seeds#uncovered}). A prompt that falls inside an object already accepted is skipped; overlaps
 * are resolved into a label image by {@link Overlaps}.
 * <p>
 * Memory: the label image, a bit per pixel for what is covered, and per candidate a mask the size
 * of its neighbourhood — never an image-sized array per prompt.
 * <p>
 * Thread-safety: {@link #run} may be called from any thread, by several at once; each run is
 * independent (the segmenter is thread-safe). Progress and the cancel check are called on the
 * running thread, between batches of {@value #BATCH} prompts.
 */
public final class SegmentAll {

	/** Prompts decoded between checks for cancel (and between progress reports). */
	static final int BATCH = 8;
	/** How much a seed's refined mask must overlap its first mask to replace it. */
	static final double AGREE = 0.5;
	/** Longest side above which SAM's single 1024-pixel view shrinks objects by more than four times. */
	static final int LARGE = 4 * Preprocessor.SIDE;

	private final Segmenter segmenter;
	private final SegmentAllSettings settings;

	public SegmentAll(Segmenter segmenter, SegmentAllSettings settings) {
		this.segmenter = segmenter;
		this.settings = settings;
	}

	public SegmentAllSettings settings() {
		return settings;
	}

	/**
	 * Every object of the image.
	 *
	 * @param cancelled polled between batches of prompts; when it says yes, the run stops
	 * @throws CancellationException when cancelled: nothing of the run is returned
	 * @throws io.github.samij.core.SamException when the model fails
	 */
	public Instances run(ImageSource image, Progress progress, BooleanSupplier cancelled) {
		long start = System.nanoTime();
		int w = image.width(), h = image.height();
		List<String> notes = new ArrayList<>();
		SamImage pixels = image.pixels(null);
		int[] gray = Seeds.gray(pixels);
		if (isFlat(gray)) {
			notes.add("The image is flat (every pixel has the grey value " + gray[0] + "): there are no objects to find.");
			return new Instances(w, h, new int[w * h], List.of(), new Instances.Run(0, 0, 0, null, 0, 0, seconds(start)), notes);
		}
		if (Math.max(w, h) > LARGE)
			notes.add(String.format(Locale.ROOT, "The image is %d×%d: SAM sees it at %d pixels on its longest side, so objects "
				+ "under about %d pixels across may be missed; segment crops of it (or a scaled copy) for small objects.", w, h,
				Preprocessor.SIDE, Math.max(w, h) * 8 / Preprocessor.SIDE));

		progress.report("Segment All: encoding the image", 0);
		checkCancel(cancelled);
		long encodeStart = System.nanoTime();
		Embedding embedding = segmenter.encode(image);
		long promptStart = System.nanoTime();

		Pass pass = new Pass(embedding, w, h, progress, cancelled);
		Boolean bright = null;
		if (settings.prompts() == Prompts.GRID) pass.prompt(grid(w, h, settings.pointsPerSide()), "grid points");
		else {
			Seeds.Found found = Seeds.find(gray, w, h, settings.objects());
			bright = found.bright;
			pass.prompt(found.points, "seeds");
			pass.prompt(Seeds.uncovered(gray, w, h, bright, settings.minArea(), pass.covered), "threshold seeds");
		}
		checkCancel(cancelled);
		Overlaps.Resolved resolved = Overlaps.resolve(pass.candidates, w, h, settings.minArea());
		if (resolved.objects.isEmpty()) notes.add(nothingFound(pass.points, bright));
		long end = System.nanoTime();
		Instances.Run run = new Instances.Run(pass.points, pass.skipped, pass.decoded, bright, (promptStart - encodeStart) / 1e9,
			(end - promptStart) / 1e9, (end - start) / 1e9);
		return new Instances(w, h, resolved.labels, resolved.objects, run, notes);
	}

	/** One run's prompting: what is covered so far, the candidates, the counts. Confined to the running thread. */
	private final class Pass {
		final Embedding embedding;
		final int width;
		final Progress progress;
		final BooleanSupplier cancelled;
		final BitSet covered;
		final List<Candidate> candidates = new ArrayList<>();
		int points, skipped, decoded;

		Pass(Embedding embedding, int width, int height, Progress progress, BooleanSupplier cancelled) {
			this.embedding = embedding;
			this.width = width;
			this.progress = progress;
			this.cancelled = cancelled;
			this.covered = new BitSet(width * height);
		}

		/** Decodes the points (x, y pairs) in batches, skipping those an accepted mask already covers. */
		void prompt(int[] xy, String what) {
			int n = xy.length / 2, next = 0;
			points += n;
			while (next < n) {
				checkCancel(cancelled);
				List<Prompt> batch = new ArrayList<>(BATCH);
				while (batch.size() < BATCH && next < n) {
					int x = xy[2 * next], y = xy[2 * next + 1];
					next++;
					if (covered.get(y * width + x)) skipped++;
					else batch.add(Prompt.point(x + 0.5, y + 0.5));
				}
				if (batch.isEmpty()) break;
				List<Prediction> predictions = segmenter.decodeEach(embedding, batch, MaskMode.MULTI, Ranking.SMALLEST_CONFIDENT);
				decoded += batch.size();
				List<Candidate> chosen = settings.prompts() == Prompts.GRID ? gridMasks(predictions) : seedMasks(predictions);
				for (Candidate c : chosen) cover(c.mask);
				progress.report(String.format(Locale.ROOT, "Segment All: %d of %d %s, %d objects so far", next, n, what,
					candidates.size()), (double) next / n);
			}
		}

		/** Every mask of each grid point that passes, as SAM's generator keeps them; the smallest of each point returned. */
		private List<Candidate> gridMasks(List<Prediction> predictions) {
			List<Candidate> chosen = new ArrayList<>(predictions.size());
			for (Prediction p : predictions) {
				Candidate first = null;
				for (Mask m : p.masks()) { // rank order: the smallest confident mask first
					Candidate c = accept(m, p.prompt().points().get(0));
					if (c == null) continue;
					if (first == null) first = c;
					candidates.add(c);
				}
				if (first != null) chosen.add(first);
			}
			return chosen;
		}

		/** Each seed's object; those that fail the thresholds decoded again from their box and click. */
		private List<Candidate> seedMasks(List<Prediction> predictions) {
			List<Candidate> chosen = new ArrayList<>(predictions.size());
			List<Candidate> toRefine = new ArrayList<>();
			for (Prediction p : predictions) {
				Candidate o = object(p);
				if (o == null) continue;
				Candidate c = accept(o.mask, at(o));
				if (c != null) chosen.add(c);
				else toRefine.add(o);
			}
			if (!toRefine.isEmpty()) {
				List<Mask> refined = refine(embedding, toRefine);
				decoded += toRefine.size();
				for (int i = 0; i < refined.size(); i++) {
					Candidate c = refined.get(i) == null ? null : accept(refined.get(i), at(toRefine.get(i)));
					if (c != null) chosen.add(c);
				}
			}
			candidates.addAll(chosen);
			return chosen;
		}

		private void cover(Mask m) {
			int[] w = m.window();
			byte[] px = m.pixels();
			for (int y = 0; y < w[3]; y++)
				for (int x = 0; x < w[2]; x++)
					if (px[y * w[2] + x] != 0) covered.set((w[1] + y) * width + w[0] + x);
		}
	}

	private static Prompt.Point at(Candidate c) {
		return new Prompt.Point(c.x, c.y, true);
	}

	/**
	 * Each seed's mask decoded again from its bounding box (pixel edges) and click, single-mask: the
	 * refined mask where it agrees with the first, else null.
	 */
	private List<Mask> refine(Embedding embedding, List<Candidate> first) {
		List<Prompt> prompts = new ArrayList<>(first.size());
		for (Candidate c : first) {
			int[] b = c.mask.bbox();
			prompts.add(Prompt.point(c.x, c.y).withBox(b[0], b[1], b[0] + b[2], b[1] + b[3]));
		}
		List<Prediction> refined = segmenter.decodeEach(embedding, prompts, MaskMode.SINGLE, Ranking.PREDICTED_IOU);
		List<Mask> out = new ArrayList<>(first.size());
		for (int i = 0; i < first.size(); i++) {
			Mask m = refined.get(i).best();
			out.add(Overlaps.maskIou(m, first.get(i).mask) >= AGREE ? m : null);
		}
		return out;
	}

	/**
	 * The object a seed points at: the first of its masks, in the order of
	 * {@link Ranking#SMALLEST_CONFIDENT}, that may be an object by its area and contains the seed —
	 * before the thresholds, which apply to the mask finally kept (refined or not).
	 */
	private Candidate object(Prediction p) {
		Prompt.Point at = p.prompt().points().get(0);
		for (Mask m : p.masks())
			if (fits(m.area(), (long) m.width() * m.height()) && m.contains((int) at.x, (int) at.y)) return new Candidate(m, at.x, at.y);
		return null;
	}

	/** The mask as a candidate — islands and holes removed — if it passes the settings and contains its point; else null. */
	private Candidate accept(Mask m, Prompt.Point at) {
		long imagePixels = (long) m.width() * m.height();
		if (m.iou() < settings.minIou() || m.stability() < settings.minStability() || !fits(m.area(), imagePixels)) return null;
		int[] window = m.window();
		Mask clean = m.withPixels(Regions.clean(m.pixels(), window[2], window[3], settings.minArea()));
		if (!fits(clean.area(), imagePixels) || !clean.contains((int) at.x, (int) at.y)) return null;
		return new Candidate(clean, at.x, at.y);
	}

	/** Whether a mask of {@code area} pixels may be an object: within the settings' limits and at most half the image. */
	private boolean fits(long area, long imagePixels) {
		return area >= Math.max(1, settings.minArea()) && (settings.maxArea() == 0 || area <= settings.maxArea())
			&& 2 * area <= imagePixels;
	}

	/** The centres of the cells of an n × n grid over the image, as pixel positions, row by row. */
	static int[] grid(int width, int height, int n) {
		int[] points = new int[2 * n * n];
		for (int j = 0, k = 0; j < n; j++)
			for (int i = 0; i < n; i++) {
				points[k++] = Math.min(width - 1, (int) ((i + 0.5) * width / n));
				points[k++] = Math.min(height - 1, (int) ((j + 0.5) * height / n));
			}
		return points;
	}

	private String nothingFound(int points, Boolean bright) {
		if (points == 0)
			return "No seeds: nothing in the image stands out from its surroundings on the " + (bright ? "bright" : "dark")
				+ " side; set " + SegmentAllSettings.OBJECTS + "=" + (bright ? "dark" : "bright") + " if the objects are "
				+ (bright ? "darker" : "brighter") + " than the background, or use " + SegmentAllSettings.PROMPTS + "=grid.";
		return String.format(Locale.ROOT, "No object: none of the %d prompts gave a mask with %s ≥ %s, %s ≥ %s and an area "
			+ "within the limits; lower %s or %s to keep less certain masks.", points, SegmentAllSettings.MIN_IOU,
			settings.minIou(), SegmentAllSettings.MIN_STABILITY, settings.minStability(), SegmentAllSettings.MIN_IOU,
			SegmentAllSettings.MIN_STABILITY);
	}

	private static boolean isFlat(int[] gray) {
		for (int v : gray)
			if (v != gray[0]) return false;
		return true;
	}

	private static void checkCancel(BooleanSupplier cancelled) {
		if (cancelled.getAsBoolean()) throw new CancellationException("Segment All was cancelled.");
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}
}
