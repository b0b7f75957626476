package io.github.samij.bench;

import io.github.samij.cli.Stats;
import io.github.samij.core.Embedding;
import io.github.samij.core.Progress;
import io.github.samij.core.Segmenter;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.model.ManagedModel;
import io.github.samij.core.model.SamModel;
import io.github.samij.core.model.SessionSettings;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measurements behind {@code sam-ij bench}: model load, cold start, encoder and decoder time
 * inside ONNX Runtime's {@code session.run} against the whole call (the overhead SAM-IJ adds), one
 * click in the ImageJ layer, stack throughput against the encoder's own time, memory
 * per cached embedding, Segment All against one encoder run; or, as a run of its own, a sweep of ONNX Runtime session settings.
 * <p>
 * Every figure is a median over repeated runs after warm-up runs, with its spread. Series that are
 * compared with each other run interleaved (round-robin), so a burst of load from other users of a
 * shared machine hits all of them alike; ratios are taken per run (overhead ÷ session.run of the
 * same call), not between medians of different moments.
 */
public final class Benchmark {

	/** Image sides of the encoder and decoder series. */
	public static final int[] SIZES = { 256, 512, 1024, 2048 };
	/** The size the targets refer to. */
	public static final int REFERENCE = 512;
	/** A second size for the ImageJ click, where what SAM-IJ does per pixel shows. */
	static final int LARGE = 2048;
	/** The click on the 512 × 512 IHC sample (inside the small gland), scaled to other sizes. */
	static final double CLICK_X = 300, CLICK_Y = 350;

	private final Plan plan;
	private final BenchImages images;
	/** A known model's name or a folder; null for the default model. */
	private final String model;
	private final Path repository;
	private final boolean sweep;
	private final PrintStream log;

	/**
	 * @param picture the source picture (the 512 × 512 IHC sample)
	 * @param repository the project's folder, for the dev set's images (Segment All)
	 * @param model a known model's name or a model folder, or {@code null} for the default model: then
	 *          every section runs; for another model only its own rows (load, cold start, encoder,
	 *          decoder, Segment All), since the others measure SAM-IJ around the default model
	 * @param sweep also measure alternative ONNX Runtime session settings
	 * @param log progress lines (stderr)
	 */
	public Benchmark(Plan plan, BufferedImage picture, Path repository, String model, boolean sweep, PrintStream log) {
		this.plan = plan;
		this.images = new BenchImages(picture);
		this.model = model;
		this.repository = repository;
		this.sweep = sweep;
		this.log = log;
	}

	/** Runs everything; returns the report (JSON-ready maps, lists, numbers and strings). */
	public Map<String, Object> run() {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("benchmark", "sam-ij bench");
		report.put("plan", plan.name);
		report.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		Map<String, Object> machine = machine();
		report.put("machine", machine);

		if (sweep) {
			// A separate run: the settings compared side by side, nothing else.
			Map<String, Object> options = new LinkedHashMap<>();
			options.put("in_use", SessionSettings.DEFAULT.toString());
			options.put("sweep", SessionSweep.run(plan, images, this::load, this::progress));
			report.put("session_options", options);
			machine.put("load_average_end", Stats.round(MemoryProbe.loadAverage(), 2));
			return report;
		}

		progress("loading the model (first load in this JVM)");
		long t0 = System.nanoTime();
		SamModel model = load(SessionSettings.DEFAULT);
		double firstLoad = ms(System.nanoTime() - t0);
		try {
			Segmenter segmenter = new Segmenter(model, Segmenter.DEFAULT_CACHE_BYTES);
			Map<String, Object> modelInfo = new LinkedHashMap<>();
			modelInfo.put("name", model.descriptor().name);
			modelInfo.put("directory", model.directory().toString());
			modelInfo.put("session_settings", model.settings().toString());
			report.put("model", modelInfo);

			progress("cold start: first click after the first load");
			Map<String, Object> cold = new LinkedHashMap<>();
			cold.put("first_click_after_first_load_ms", Stats.round(click(segmenter, newImage(-1)), 1));

			Map<String, Object> encoder = encoder(segmenter);
			Map<String, Object> decoder = decoder(segmenter);
			double encoderRun = median(encoder, REFERENCE, "session_run_ms");
			progress("cold start: clicks on new images with the model warm");
			List<Double> warmNew = new ArrayList<>();
			for (int i = 0; i < Math.max(3, plan.coldRepeats * 2); i++) warmNew.add(click(segmenter, newImage(i)));
			cold.put("new_image_click_ms", Stats.of(warmNew).toJson(1));
			if (this.model != null && !this.model.equals(ManagedModel.NAME)) {
				report.put("model_load", reloads(firstLoad, cold));
				report.put("cold_start", cold);
				report.put("encoder", encoder);
				report.put("decoder", decoder);
				report.put("segment_all", SegmentAllBench.run(plan, repository, model, this::progress));
				machine.put("load_average_end", Stats.round(MemoryProbe.loadAverage(), 2));
				return report;
			}
			Map<String, Object> stack = stack(model, encoderRun);
			Map<String, Object> memory = memory(model);
			Map<String, Object> segmentAll = SegmentAllBench.run(plan, repository, model, this::progress);
			Map<String, Object> longRun = LongRunBench.run(plan, images, model, this::load, this::progress);
			Map<String, Object> startup = StartupBench.run(plan, repository, this::progress);

			progress("one click in the ImageJ layer");
			Map<String, Object> ij = ImageJClick.run(images.resized(REFERENCE), CLICK_X, CLICK_Y, plan.clickWarmup,
				plan.clickRuns);
			progress("one click in the ImageJ layer at " + LARGE + "x" + LARGE);
			double f = LARGE / (double) REFERENCE;
			Map<String, Object> ijLarge = ImageJClick.run(images.resized(LARGE), Math.floor(CLICK_X * f), Math.floor(CLICK_Y * f),
				plan.clickWarmup, plan.clickRuns);

			Map<String, Object> load = reloads(firstLoad, cold);

			report.put("model_load", load);
			report.put("cold_start", cold);
			report.put("encoder", encoder);
			report.put("decoder", decoder);
			report.put("imagej_click", ij);
			report.put("imagej_click_" + LARGE, ijLarge);
			report.put("stack", stack);
			report.put("memory", memory);
			report.put("segment_all", segmentAll);
			report.put("long_run", longRun);
			report.put("startup", startup);
			Map<String, Object> options = new LinkedHashMap<>();
			options.put("in_use", model.settings().toString());
			options.put("sweep", null);
			report.put("session_options", options);
			machine.put("load_average_end", Stats.round(MemoryProbe.loadAverage(), 2));
			report.put("targets", BenchTargets.of(report));
			return report;
		}
		finally {
			model.close();
		}
	}

	// ---------------------------------------------------------------- sections

	private Map<String, Object> encoder(Segmenter segmenter) {
		SamModel model = segmenter.model();
		List<SamImage> inputs = new ArrayList<>();
		for (int side : SIZES) inputs.add(BenchImages.sam(images.resized(side)));
		List<List<double[]>> samples = new ArrayList<>();
		for (int s = 0; s < SIZES.length; s++) samples.add(new ArrayList<>());
		int rounds = plan.encoderWarmup + plan.encoderRuns;
		for (int r = 0; r < rounds; r++) {
			progress("encoder round " + (r + 1) + "/" + rounds + (r < plan.encoderWarmup ? " (warm-up)" : ""));
			for (int s = 0; s < SIZES.length; s++) {
				// No cache key: every call encodes.
				long run0 = model.encoderRunNanos();
				long t0 = System.nanoTime();
				segmenter.encode(inputs.get(s));
				long whole = System.nanoTime() - t0, inside = model.encoderRunNanos() - run0;
				if (r >= plan.encoderWarmup) samples.get(s).add(new double[] { ms(whole), ms(inside) });
			}
		}
		Map<String, Object> bySize = new LinkedHashMap<>();
		for (int s = 0; s < SIZES.length; s++) bySize.put(Integer.toString(SIZES[s]), overhead(samples.get(s), 1));
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("what", "whole = Segmenter.encode (preprocessing: resize to 1024, normalise, pad; tensors; session.run); "
			+ "session_run = inside the encoder's session.run; overhead = whole - session_run");
		m.put("sizes", bySize);
		return m;
	}

	private Map<String, Object> decoder(Segmenter segmenter) {
		SamModel model = segmenter.model();
		List<Embedding> embeddings = new ArrayList<>();
		List<Prompt> clicks = new ArrayList<>();
		for (int side : SIZES) {
			embeddings.add(segmenter.encode(BenchImages.sam(images.resized(side))));
			double f = side / (double) images.sourceWidth();
			clicks.add(Prompt.point(Math.floor(CLICK_X * f), Math.floor(CLICK_Y * f)));
		}
		List<List<double[]>> samples = new ArrayList<>();
		for (int s = 0; s < SIZES.length; s++) samples.add(new ArrayList<>());
		int rounds = plan.decoderWarmup + plan.decoderRuns;
		int masks = 0;
		progress("decoder: " + rounds + " rounds over " + SIZES.length + " sizes");
		for (int r = 0; r < rounds; r++)
			for (int s = 0; s < SIZES.length; s++) {
				long run0 = model.decoderRunNanos();
				long t0 = System.nanoTime();
				Prediction p = segmenter.decode(embeddings.get(s), clicks.get(s), MaskMode.AUTO);
				long whole = System.nanoTime() - t0, inside = model.decoderRunNanos() - run0;
				masks = p.masks().size();
				if (r >= plan.decoderWarmup) samples.get(s).add(new double[] { ms(whole), ms(inside) });
			}
		Map<String, Object> bySize = new LinkedHashMap<>();
		for (int s = 0; s < SIZES.length; s++) bySize.put(Integer.toString(SIZES[s]), overhead(samples.get(s), 2));
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("what", "one click, multi-mask (" + masks + " masks): whole = Segmenter.decode (prompt tensors, session.run, "
			+ "output copy, upscaling to full size with stability, ranking); session_run = inside the decoder's session.run");
		m.put("sizes", bySize);
		return m;
	}

	/**
	 * A stack encoded slice after slice, as the stack commands do, against its ideal: the encoder's
	 * own session.run per slice in the same pass (the ratio is paired per pass).
	 */
	private Map<String, Object> stack(SamModel model, double isolatedRunMs) {
		int n = plan.stackSlices;
		List<SamImage> slices = new ArrayList<>();
		for (int i = 0; i < n; i++) slices.add(BenchImages.sam(images.variant(i, REFERENCE)));
		Segmenter segmenter = new Segmenter(model, (long) (n + 1) * Embedding.FLOATS * Float.BYTES);
		List<Double> rate = new ArrayList<>(), run = new ArrayList<>(), ratio = new ArrayList<>();
		for (int pass = 0; pass < plan.stackPasses; pass++) {
			progress("stack pass " + (pass + 1) + "/" + plan.stackPasses);
			segmenter.cache().clear();
			long run0 = model.encoderRunNanos();
			long t0 = System.nanoTime();
			for (int i = 0; i < n; i++) segmenter.encode(slices.get(i).withKey("stack " + pass + " " + i));
			double r = n / ((System.nanoTime() - t0) / 1e9), perSlice = ms(model.encoderRunNanos() - run0) / n;
			rate.add(r);
			run.add(perSlice);
			ratio.add(r * perSlice / 1000);
		}
		segmenter.cache().clear();
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("slices", n);
		m.put("slice_size", REFERENCE + "x" + REFERENCE + " RGB");
		m.put("passes", plan.stackPasses);
		m.put("slices_per_s", Stats.of(rate).toJson(3));
		m.put("session_run_ms_per_slice", Stats.of(run).toJson(1));
		m.put("vs_ideal", Stats.of(ratio).toJson(3));
		m.put("ideal_slices_per_s", Stats.round(1000 / Stats.of(run).median(), 3));
		m.put("encoder_session_run_ms_isolated", Stats.round(isolatedRunMs, 1));
		m.put("what", "Segmenter.encode per slice (preprocessing on all CPUs just before each run), as the stack commands "
			+ "encode; ideal = 1 / the encoder's session.run per slice in the same pass (ratios paired per pass)");
		return m;
	}

	private Map<String, Object> memory(SamModel model) {
		int n = plan.memoryEmbeddings;
		progress("memory: " + n + " cached embeddings");
		Segmenter segmenter = new Segmenter(model, (long) (n + 1) * Embedding.FLOATS * Float.BYTES);
		List<SamImage> inputs = new ArrayList<>();
		for (int i = 0; i < n; i++) inputs.add(BenchImages.sam(images.variant(200 + i, 256)).withKey("memory " + i));
		// One uncached encode first, so the segmenter's reusable input canvas exists before the first reading.
		segmenter.encode(BenchImages.sam(images.variant(199, 256)));
		MemoryProbe.Reading before = MemoryProbe.settled();
		for (SamImage s : inputs) segmenter.encode(s);
		MemoryProbe.Reading after = MemoryProbe.settled();
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("embeddings", segmenter.cache().size());
		m.put("nominal_bytes_per_embedding", Embedding.FLOATS * Float.BYTES);
		m.put("heap_bytes_per_embedding", (after.heap - before.heap) / n);
		m.put("direct_bytes_per_embedding", (after.direct - before.direct) / n);
		m.put("resident_bytes_per_embedding", before.resident < 0 ? null : (after.resident - before.resident) / n);
		m.put("cache_bytes", segmenter.cache().bytes());
		m.put("what", "after a full GC, before and after caching the embeddings: heap = Java heap in use, direct = the "
			+ "JVM's direct buffers (the embeddings themselves), resident = the process's RSS (includes allocator slack)");
		segmenter.cache().clear();
		return m;
	}

	// ---------------------------------------------------------------- helpers

	/** whole, session.run, overhead (ms) and overhead ÷ session.run per run, summarised. */
	static Map<String, Object> overhead(List<double[]> samples, int decimals) {
		List<Double> whole = new ArrayList<>(), inside = new ArrayList<>(), over = new ArrayList<>(), ratio = new ArrayList<>();
		for (double[] s : samples) {
			whole.add(s[0]);
			inside.add(s[1]);
			over.add(s[0] - s[1]);
			ratio.add((s[0] - s[1]) / s[1]);
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("whole_ms", Stats.of(whole).toJson(decimals));
		m.put("session_run_ms", Stats.of(inside).toJson(decimals));
		m.put("overhead_ms", Stats.of(over).toJson(decimals));
		m.put("overhead_ratio", Stats.of(ratio).toJson(4));
		return m;
	}

	@SuppressWarnings("unchecked")
	static double median(Map<String, Object> section, int size, String series) {
		Map<String, Object> s = (Map<String, Object>) ((Map<String, Object>) section.get("sizes")).get(Integer.toString(size));
		return ((Number) ((Map<String, Object>) s.get(series)).get("median")).doubleValue();
	}

	/** Encode + decode of one click on an image the segmenter has not seen; ms. */
	private static double click(Segmenter segmenter, SamImage image) {
		Prompt p = Prompt.point(Math.floor(CLICK_X * image.width() / 512.0), Math.floor(CLICK_Y * image.height() / 512.0));
		long t0 = System.nanoTime();
		segmenter.segment(image, p, MaskMode.AUTO);
		return ms(System.nanoTime() - t0);
	}

	private SamImage newImage(int i) {
		return BenchImages.sam(images.variant(1000 + i, REFERENCE)).withContentKey();
	}

	/** Loads the model again {@code coldRepeats} times, each with its first click (into {@code cold}); the load rows. */
	private Map<String, Object> reloads(double firstLoad, Map<String, Object> cold) {
		progress("model loads and first clicks after each load");
		List<Double> loads = new ArrayList<>(), firstClicks = new ArrayList<>();
		for (int i = 0; i < plan.coldRepeats; i++) {
			long l0 = System.nanoTime();
			try (SamModel fresh = load(SessionSettings.DEFAULT)) {
				loads.add(ms(System.nanoTime() - l0));
				firstClicks.add(click(new Segmenter(fresh, Segmenter.DEFAULT_CACHE_BYTES), newImage(100 + i)));
			}
		}
		cold.put("first_click_after_load_ms", Stats.of(firstClicks).toJson(1));
		cold.put("note", "first click = encode + decode of a new image; 'after load' on a freshly loaded model "
			+ "(its first ONNX Runtime runs), 'new image' on a model that has run before");
		Map<String, Object> load = new LinkedHashMap<>();
		load.put("first_load_in_jvm_ms", Stats.round(firstLoad, 1));
		load.put("load_ms", Stats.of(loads).toJson(1));
		load.put("note", "load = checksums of both files, decoder graph rewrite, two ONNX Runtime sessions; "
			+ "the first load in a JVM also loads ONNX Runtime's native library");
		return load;
	}

	private SamModel load(SessionSettings settings) {
		return SamModel.load(model, Progress.NONE, settings);
	}

	private Map<String, Object> machine() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
		m.put("cpus", Runtime.getRuntime().availableProcessors());
		m.put("cpu_model", CpuInfo.model());
		m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		m.put("onnxruntime", SamModel.onnxRuntimeVersion());
		m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
		m.put("headless", GraphicsEnvironment.isHeadless());
		m.put("load_average_start", Stats.round(MemoryProbe.loadAverage(), 2));
		return m;
	}

	private void progress(String message) {
		if (log != null) log.println("bench: " + message);
	}

	static double ms(long nanos) {
		return nanos / 1e6;
	}

}
