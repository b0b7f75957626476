package io.github.samij.bench;

import io.github.samij.cli.Stats;
import io.github.samij.core.Progress;
import io.github.samij.core.Segmenter;
import io.github.samij.core.SamException;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.instances.Instances;
import io.github.samij.core.instances.SegmentAll;
import io.github.samij.core.instances.SegmentAllSettings;
import io.github.samij.core.model.SamModel;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code sam-ij bench --segment-all}: Segment All on a 512 × 512 crop of a crowded fluorescence
 * image of the dev set (about 100 nuclei), against its floor measured in the same rounds: one
 * encoder {@code session.run} of the crop. Each round runs, back to back, a bare encode, Segment
 * All with the default (seed) prompts, and — in the first rounds only, it is slow — the 32 × 32
 * grid; ratios are taken per round. The decoder's own {@code session.run} time inside each Segment
 * All run is measured too, so the report shows how much of a run is the decoder's inherent cost.
 * Use from one thread.
 */
final class SegmentAllBench {

	/** The image and crop: dsb014 (696 × 520, 133 nuclei), its centre 512 × 512. */
	static final String IMAGE = "sample-data/dsb2018-dev/dsb014";
	static final int SIDE = 512, CROP_X = 92, CROP_Y = 4;

	private SegmentAllBench() { }

	static Map<String, Object> run(Plan plan, Path root, SamModel model, Consumer<String> progress) {
		BufferedImage crop = crop(root.resolve(IMAGE + ".png"));
		int truth = objectsIn(root.resolve(IMAGE + "_labels.png"));
		SamImage image = BenchImages.sam(crop);
		Segmenter segmenter = new Segmenter(model, Segmenter.DEFAULT_CACHE_BYTES);
		SegmentAllSettings seeds = SegmentAllSettings.DEFAULT;
		SegmentAllSettings grid = seeds.withPrompts(SegmentAllSettings.Prompts.GRID).withPointsPerSide(plan.gridPointsPerSide);

		List<Double> encoder = new ArrayList<>(), seedTotal = new ArrayList<>(), seedRatio = new ArrayList<>();
		List<Double> seedDecoderRun = new ArrayList<>(), perDecode = new ArrayList<>();
		List<Double> gridTotal = new ArrayList<>(), gridRatio = new ArrayList<>();
		Instances lastSeeds = null, lastGrid = null;
		int rounds = plan.allWarmup + plan.allRounds;
		for (int r = 0; r < rounds; r++) {
			boolean measured = r >= plan.allWarmup;
			progress.accept("segment all round " + (r + 1) + "/" + rounds + (measured ? "" : " (warm-up)"));
			long run0 = model.encoderRunNanos();
			segmenter.encode(image); // no cache key: every call encodes, Segment All's included
			double e = Benchmark.ms(model.encoderRunNanos() - run0);

			long dec0 = model.decoderRunNanos();
			long t0 = System.nanoTime();
			lastSeeds = new SegmentAll(segmenter, seeds).run(image, Progress.NONE, () -> false);
			double s = Benchmark.ms(System.nanoTime() - t0), d = Benchmark.ms(model.decoderRunNanos() - dec0);
			if (!measured) continue;
			encoder.add(e);
			seedTotal.add(s);
			seedRatio.add(s / e);
			seedDecoderRun.add(d);
			perDecode.add(d / lastSeeds.run().decoded);
			if (r - plan.allWarmup < plan.gridRounds) {
				progress.accept("segment all round " + (r + 1) + ": the " + plan.gridPointsPerSide + "² grid");
				t0 = System.nanoTime();
				lastGrid = new SegmentAll(segmenter, grid).run(image, Progress.NONE, () -> false);
				double g = Benchmark.ms(System.nanoTime() - t0);
				gridTotal.add(g);
				gridRatio.add(g / e);
			}
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("what", "Segment All on a " + SIDE + "x" + SIDE + " crop of " + IMAGE + " at (" + CROP_X + ", " + CROP_Y
			+ "); floor = the encoder's session.run on the crop in the same round; ratio = Segment All's whole run "
			+ "(encode included) / floor, per round");
		m.put("ground_truth_objects", truth);
		m.put("encoder_session_run_ms", Stats.of(encoder).toJson(1));
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("settings", seeds.toString());
		s.put("objects", lastSeeds.count());
		s.put("prompts", lastSeeds.run().points);
		s.put("decoder_runs", lastSeeds.run().decoded);
		s.put("whole_ms", Stats.of(seedTotal).toJson(1));
		s.put("ratio_to_encoder", Stats.of(seedRatio).toJson(2));
		s.put("decoder_session_run_ms", Stats.of(seedDecoderRun).toJson(1));
		s.put("decoder_session_run_per_prompt_ms", Stats.of(perDecode).toJson(1));
		double floor = 1 + Stats.of(seedDecoderRun).median() / Stats.of(encoder).median();
		s.put("ratio_floor", Stats.round(floor, 2));
		s.put("ratio_floor_note", "(encoder + the decoder's own session.run for these prompts) / encoder: what no code "
			+ "around ONNX Runtime can go under with this many decoder runs");
		m.put("seeds", s);
		Map<String, Object> g = new LinkedHashMap<>();
		g.put("settings", grid.toString());
		g.put("objects", lastGrid.count());
		g.put("prompts", lastGrid.run().points);
		g.put("skipped", lastGrid.run().skipped);
		g.put("decoder_runs", lastGrid.run().decoded);
		g.put("whole_ms", Stats.of(gridTotal).toJson(1));
		g.put("ratio_to_encoder", Stats.of(gridRatio).toJson(2));
		m.put("grid", g);
		return m;
	}

	private static BufferedImage crop(Path file) {
		BufferedImage img = BenchCommand.readPicture(file);
		if (img.getWidth() < CROP_X + SIDE || img.getHeight() < CROP_Y + SIDE)
			throw new SamException("The Segment All benchmark image " + file + " is smaller than its crop.");
		return img.getSubimage(CROP_X, CROP_Y, SIDE, SIDE);
	}

	/** How many ground-truth objects have a pixel in the crop. */
	private static int objectsIn(Path labels) {
		BufferedImage img = BenchCommand.readPicture(labels);
		int[] v = img.getRaster().getSamples(CROP_X, CROP_Y, SIDE, SIDE, 0, new int[SIDE * SIDE]);
		Set<Integer> seen = new HashSet<>();
		for (int l : v) if (l != 0) seen.add(l);
		return seen.size();
	}
}
