package io.github.samij.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import io.github.samij.cli.eval.EvalChart;
import io.github.samij.cli.eval.EvalReport;
import io.github.samij.cli.eval.Evaluation;
import io.github.samij.cli.eval.LabelImage;
import io.github.samij.core.SamException;
import io.github.samij.core.Segmenter;
import io.github.samij.core.instances.SegmentAllSettings;
import io.github.samij.core.batch.AtomicFiles;
import io.github.samij.core.model.SamModel;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * {@code sam-ij eval --data DIR [--out DIR] [--limit N] [--model DIR]}: the evaluation protocol of
 * sample-data/dsb2018-dev/README.md on every {@code NAME.png} + {@code NAME_labels.png} pair of a
 * folder (see {@link Evaluation}); writes {@code eval.json}, {@code objects.csv} (one row per
 * object) and {@code miou.png} (the chart), and prints the summary. A {@code manifest.csv} with
 * {@code name} and {@code modality} columns, if present, splits the numbers by modality.
 */
public final class EvalCommand implements Subcommand {

	static final String LABELS_SUFFIX = "_labels";
	public static final String JSON = "eval.json";
	public static final String CSV = "objects.csv";
	public static final String CHART = "miou.png";

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
		.serializeSpecialFloatingPointValues().create();

	private final Console console;

	public EvalCommand(Console console) {
		this.console = console;
	}

	@Override
	public Options options() {
		return ModelChoice.declare(SegmentAllArgs.declare(new Options("eval").value("--data", "DIR").value("--out", "DIR")
			.value("--limit", "N").value("--task", "clicks|instances")));
	}

	@Override
	public int run(Options.Values opts) {
		Path data = opts.path("--data"), outDir = opts.path("--out");
		ModelChoice model = ModelChoice.of(opts);
		int limit = opts.integer("--limit", 1, Integer.MAX_VALUE, "a whole number of images >= 1");
		String task = opts.has("--task") ? opts.get("--task").trim() : "clicks";
		if (!task.equals("clicks") && !task.equals("instances"))
			throw new UsageException("--task expects clicks (one object per click) or instances (every object), got '" + task + "'");
		SegmentAllSettings segmentAll = SegmentAllArgs.settings(opts);
		if (data == null) throw new UsageException("eval needs --data DIR: a folder of NAME.png + NAME_labels.png pairs");
		if (!Files.isDirectory(data)) throw new UsageException("--data '" + data + "' is not a folder");
		List<String> names = pairs(data);
		if (names.isEmpty())
			throw new UsageException("--data '" + data + "' has no NAME.png + NAME_labels.png pairs");
		if (limit < names.size()) names = names.subList(0, limit);
		if (outDir == null)
			outDir = DemoCommand.repositoryRoot().resolve(task.equals("clicks") ? "out/eval" : "out/eval-instances").resolve(folderName(data));
		if (Files.exists(outDir) && !Files.isDirectory(outDir))
			throw new UsageException("--out '" + outDir + "' is a file; give a folder (it is created if needed)");
		Manifest manifest = Manifest.read(data.resolve("manifest.csv"));
		if (task.equals("instances")) return new InstancesEval(console).run(data, names, manifest, model, outDir, segmentAll);

		List<Evaluation.ImageResult> images = new ArrayList<>();
		List<Evaluation.ObjectResult> objects = new ArrayList<>();
		String modelName, settings;
		double loadStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		try (SamModel samModel = console.loadModel(model)) {
			modelName = samModel.name();
			settings = samModel.settings().toString();
			// No cache: each image is encoded once and never again.
			Evaluation evaluation = new Evaluation(new Segmenter(samModel, 0));
			for (int i = 0; i < names.size(); i++) {
				String name = names.get(i);
				ImageFiles.Loaded image = ImageFiles.read(data.resolve(name + ".png"), RangeChoice.PERCENTILE);
				LabelImage labels = readLabels(data.resolve(name + LABELS_SUFFIX + ".png"));
				Evaluation.ImageResult row = new Evaluation.ImageResult();
				long t0 = System.nanoTime();
				List<Evaluation.ObjectResult> result = evaluation.run(
					new Evaluation.Input(name, manifest.modality(name), image.image, labels), row);
				objects.addAll(result);
				images.add(row);
				console.err.printf(Locale.ROOT, "sam-ij: eval %d/%d %s: %d objects, %.1f s%n", i + 1, names.size(), name, row.objects,
					(System.nanoTime() - t0) / 1e9);
				Integer expected = manifest.objects(name);
				if (expected != null && expected != row.objects)
					console.err.println("sam-ij: note: " + name + " has " + row.objects + " labelled objects, manifest.csv says " + expected);
			}
		}
		Map<String, Object> report = EvalReport.summarise(data.toString(), modelName, images, objects);
		int manifestTotal = manifest.total(names);
		if (manifestTotal >= 0) report.put("manifest_objects", manifestTotal);
		report.put("machine", machine(settings, loadStart));

		String title = String.format(Locale.ROOT, "%s: %d images, %d objects — %s", folderName(data), images.size(),
			objects.size(), modelName);
		BufferedImage chart = EvalChart.draw(report, title);
		try {
			Files.createDirectories(outDir);
			AtomicFiles.write(outDir.resolve(CSV), o -> o.write(EvalReport.csv(objects).getBytes(StandardCharsets.UTF_8)));
			AtomicFiles.write(outDir.resolve(CHART), o -> ImageIO.write(chart, "png", o));
			AtomicFiles.write(outDir.resolve(JSON), o -> o.write((GSON.toJson(report) + "\n").getBytes(StandardCharsets.UTF_8)));
		}
		catch (IOException e) {
			throw new SamException("Cannot write into " + outDir + ": " + AtomicFiles.describe(e) + ".");
		}
		console.out.print(table(report));
		console.out.println("Wrote " + outDir.resolve(JSON) + ", " + CSV + " and " + CHART);
		return 0;
	}

	/** The summary as text. */
	@SuppressWarnings("unchecked")
	static String table(Map<String, Object> report) {
		StringBuilder s = new StringBuilder();
		s.append(String.format(Locale.ROOT, "%d images, %d objects, model %s%n%n", report.get("images"), report.get("objects"),
			report.get("model")));
		s.append(String.format(Locale.ROOT, "%-16s %8s %8s %8s %8s %8s %8s%n", "set", "objects", "top-1", "oracle", "single",
			"box", "gap"));
		row(s, "all", report);
		Map<String, Object> by = (Map<String, Object>) report.get("by_modality");
		if (by.size() > 1)
			for (Map.Entry<String, Object> e : by.entrySet()) row(s, e.getKey(), (Map<String, Object>) e.getValue());
		Map<String, Object> t = (Map<String, Object>) report.get("timing_ms");
		s.append('\n');
		for (String k : new String[] { "encode", "prompt_point_multi", "prompt_box" }) {
			Map<String, Object> m = (Map<String, Object>) t.get(k);
			if (m != null)
				s.append(String.format(Locale.ROOT, "%-20s median %7.1f ms   p90 %7.1f ms%n", k.replace('_', ' '), m.get("median"),
					m.get("p90")));
		}
		return s.toString();
	}

	@SuppressWarnings("unchecked")
	private static void row(StringBuilder s, String name, Map<String, Object> e) {
		Map<String, Object> m = (Map<String, Object>) e.get("miou");
		if (m == null) return;
		s.append(String.format(Locale.ROOT, "%-16s %8s %8.3f %8.3f %8.3f %8.3f %8.3f%n", name, e.get("objects"), m.get("top1"),
			m.get("oracle"), m.get("single"), m.get("box"), e.get("top1_oracle_gap")));
	}

	/** NAME for every NAME.png with a NAME_labels.png beside it, sorted. */
	static List<String> pairs(Path data) {
		List<String> names = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(data, "*.png")) {
			for (Path f : files) {
				String file = f.getFileName().toString();
				String name = file.substring(0, file.length() - 4);
				if (name.endsWith(LABELS_SUFFIX)) continue;
				if (Files.isRegularFile(data.resolve(name + LABELS_SUFFIX + ".png"))) names.add(name);
			}
		}
		catch (IOException e) {
			throw new UsageException("cannot list --data '" + data + "': " + AtomicFiles.describe(e));
		}
		String[] sorted = names.toArray(new String[0]);
		Arrays.sort(sorted);
		return Arrays.asList(sorted);
	}

	static LabelImage readLabels(Path file) {
		BufferedImage img;
		try {
			img = ImageIO.read(file.toFile());
		}
		catch (IOException e) {
			throw new UsageException("cannot read label image '" + file + "': " + Main.oneLine(e.getMessage()));
		}
		if (img == null) throw new UsageException("'" + file + "' is not an image ImageIO can read");
		try {
			return LabelImage.of(img);
		}
		catch (IllegalArgumentException e) {
			throw new UsageException("'" + file + "': " + e.getMessage());
		}
	}

	/** The machine an evaluation ran on: CPUs, session settings (when known) and the load average at its start and end. */
	static Map<String, Object> machine(String sessionSettings, double loadStart) {
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("cpus", Runtime.getRuntime().availableProcessors());
		if (sessionSettings != null) machine.put("session_settings", sessionSettings);
		machine.put("load_average_start", Math.round(loadStart * 100) / 100.0);
		machine.put("load_average_end",
			Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0);
		return machine;
	}

	private static String folderName(Path data) {
		Path n = data.toAbsolutePath().normalize().getFileName();
		return n == null ? "data" : n.toString();
	}

	/** manifest.csv: name → modality and object count, when the folder has one. */
	static final class Manifest {
		private final Map<String, String> modality = new HashMap<>();
		private final Map<String, Integer> objects = new HashMap<>();

		static Manifest read(Path file) {
			Manifest m = new Manifest();
			if (!Files.isRegularFile(file)) return m;
			try {
				List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
				if (lines.isEmpty()) return m;
				List<String> header = Arrays.asList(lines.get(0).trim().split(","));
				int name = header.indexOf("name"), mod = header.indexOf("modality"), obj = header.indexOf("objects");
				if (name < 0) return m;
				for (String line : lines.subList(1, lines.size())) {
					String[] f = line.trim().split(",");
					if (f.length <= name || f[name].isEmpty()) continue;
					if (mod >= 0 && f.length > mod) m.modality.put(f[name], f[mod].trim());
					if (obj >= 0 && f.length > obj) {
						try {
							m.objects.put(f[name], Integer.parseInt(f[obj].trim()));
						}
						catch (NumberFormatException e) {
							// a count that is not a number is not checked
						}
					}
				}
			}
			catch (IOException e) {
				throw new UsageException("cannot read '" + file + "': " + AtomicFiles.describe(e));
			}
			return m;
		}

		String modality(String name) {
			return modality.getOrDefault(name, "all");
		}

		Integer objects(String name) {
			return objects.get(name);
		}

		/** The manifest's object count over {@code names}, or -1 when it does not list them all. */
		int total(List<String> names) {
			int t = 0;
			for (String n : names) {
				Integer c = objects.get(n);
				if (c == null) return -1;
				t += c;
			}
			return t;
		}
	}
}
