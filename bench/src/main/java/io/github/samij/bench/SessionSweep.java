package io.github.samij.bench;

import io.github.samij.cli.Stats;
import io.github.samij.core.Embedding;
import io.github.samij.core.Segmenter;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.model.SamModel;
import io.github.samij.core.model.SessionSettings;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code sam-ij bench --sweep}: ONNX Runtime's session settings side by side (threads, spinning,
 * memory pattern, optimisation level), each model loaded once and measured in interleaved rounds
 * so that a burst of load hits every setting alike. Use from one thread.
 */
final class SessionSweep {

	private SessionSweep() { }

	/**
	 * Loads the model once per setting (the defaults first), then measures them in interleaved
	 * rounds: the encoder and ten decodes at 512², and a three-slice stack.
	 */
	static List<Map<String, Object>> run(Plan plan, BenchImages images, Function<SessionSettings, SamModel> load,
		Consumer<String> progress)
	{
		List<SessionSettings> configs = new ArrayList<>();
		SessionSettings d = SessionSettings.DEFAULT;
		int cpus = Runtime.getRuntime().availableProcessors();
		configs.add(d);
		// Threads: ONNX Runtime's own choice (0), one, every CPU with and without spinning, twice as many.
		for (int t : new int[] { 0, 1, cpus, 2 * cpus })
			for (boolean spin : new boolean[] { true, false }) {
				if (t == 1 && !spin) continue; // one thread has no workers to spin
				SessionSettings c = d.withIntraOpThreads(t).withSpinning(spin);
				if (!configs.contains(c)) configs.add(c);
			}
		SessionSettings otherPattern = d.withMemoryPattern(!d.memoryPattern());
		if (!configs.contains(otherPattern)) configs.add(otherPattern);
		for (SessionSettings.Optimisation level : SessionSettings.Optimisation.values())
			if (level != d.optimisation()) configs.add(d.withOptimisation(level));

		List<SamModel> models = new ArrayList<>();
		List<Double> loadMs = new ArrayList<>();
		try {
			for (SessionSettings s : configs) {
				progress.accept("sweep: loading with " + s);
				long t0 = System.nanoTime();
				models.add(load.apply(s));
				loadMs.add(Benchmark.ms(System.nanoTime() - t0));
			}
			SamImage encoderInput = BenchImages.sam(images.resized(Benchmark.REFERENCE));
			double f = Benchmark.REFERENCE / (double) images.sourceWidth();
			Prompt click = Prompt.point(Math.floor(Benchmark.CLICK_X * f), Math.floor(Benchmark.CLICK_Y * f));
			List<SamImage> slices = new ArrayList<>();
			for (int i = 0; i < 3; i++) slices.add(BenchImages.sam(images.variant(300 + i, Benchmark.REFERENCE)));
			int k = configs.size();
			List<List<double[]>> enc = new ArrayList<>(), dec = new ArrayList<>();
			List<List<Double>> stackRate = new ArrayList<>();
			List<Embedding> embeddings = new ArrayList<>();
			List<Segmenter> segmenters = new ArrayList<>();
			for (int c = 0; c < k; c++) {
				enc.add(new ArrayList<>());
				dec.add(new ArrayList<>());
				stackRate.add(new ArrayList<>());
				segmenters.add(new Segmenter(models.get(c), 8L * Embedding.FLOATS * Float.BYTES));
				embeddings.add(segmenters.get(c).encode(encoderInput)); // also the warm-up
				segmenters.get(c).decode(embeddings.get(c), click, MaskMode.AUTO);
			}
			int decodes = 10;
			for (int r = 0; r < plan.sweepRounds; r++) {
				for (int c = 0; c < k; c++) {
					progress.accept("sweep round " + (r + 1) + "/" + plan.sweepRounds + ": " + configs.get(c));
					SamModel m = models.get(c);
					Segmenter s = segmenters.get(c);
					long run0 = m.encoderRunNanos(), t0 = System.nanoTime();
					s.encode(encoderInput);
					enc.get(c).add(new double[] { Benchmark.ms(System.nanoTime() - t0), Benchmark.ms(m.encoderRunNanos() - run0) });
					for (int i = 0; i < decodes; i++) {
						long d0 = m.decoderRunNanos(), t1 = System.nanoTime();
						s.decode(embeddings.get(c), click, MaskMode.AUTO);
						dec.get(c).add(new double[] { Benchmark.ms(System.nanoTime() - t1), Benchmark.ms(m.decoderRunNanos() - d0) });
					}
					long t2 = System.nanoTime();
					for (int i = 0; i < slices.size(); i++) s.encode(slices.get(i).withKey("sweep " + r + " " + i));
					stackRate.get(c).add(slices.size() / ((System.nanoTime() - t2) / 1e9));
					s.cache().clear();
				}
			}
			List<Map<String, Object>> out = new ArrayList<>();
			for (int c = 0; c < k; c++) {
				Map<String, Object> m = new LinkedHashMap<>();
				m.put("settings", configs.get(c).toString());
				m.put("load_ms", Stats.round(loadMs.get(c), 0));
				m.put("encoder_512", Benchmark.overhead(enc.get(c), 1));
				m.put("decoder_512", Benchmark.overhead(dec.get(c), 2));
				m.put("stack_slices_per_s", Stats.of(stackRate.get(c)).toJson(3));
				out.add(m);
			}
			return out;
		}
		finally {
			for (SamModel m : models) m.close();
		}
	}
}
