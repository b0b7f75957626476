package io.github.samij.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import io.github.samij.cli.eval.InstanceEvaluation;
import io.github.samij.cli.eval.InstanceReport;
import io.github.samij.cli.eval.LabelImage;
import io.github.samij.core.SamException;
import io.github.samij.core.Segmenter;
import io.github.samij.core.batch.AtomicFiles;
import io.github.samij.core.instances.SegmentAll;
import io.github.samij.core.instances.SegmentAllSettings;
import io.github.samij.core.model.SamModel;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sam-ij eval --task instances}: Segment All and the classical Otsu baseline on every image
 * of a folder with ground-truth labels, scored with the DSB 2018 metric ({@link InstanceEvaluation});
 * writes {@code instances.json} (settings, summary, every image) and {@code instances.csv} (one row
 * per image and method) and prints the summary table. Not thread-safe.
 */
final class InstancesEval {

	static final String JSON = "instances.json";
	static final String CSV = "instances.csv";

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();

	private final Console console;

	InstancesEval(Console console) {
		this.console = console;
	}

	int run(Path data, List<String> names, EvalCommand.Manifest manifest, ModelChoice model, Path outDir, SegmentAllSettings settings) {
		List<InstanceEvaluation.ImageResult> images = new ArrayList<>();
		String modelName;
		double loadStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		try (SamModel samModel = console.loadModel(model)) {
			modelName = samModel.name();
			InstanceEvaluation evaluation = new InstanceEvaluation(new SegmentAll(new Segmenter(samModel, 0), settings));
			for (int i = 0; i < names.size(); i++) {
				String name = names.get(i);
				ImageFiles.Loaded image = ImageFiles.read(data.resolve(name + ".png"), RangeChoice.PERCENTILE);
				LabelImage truth = EvalCommand.readLabels(data.resolve(name + EvalCommand.LABELS_SUFFIX + ".png"));
				if (truth.width != image.width() || truth.height != image.height())
					throw new UsageException(name + EvalCommand.LABELS_SUFFIX + ".png is " + truth.width + "x" + truth.height + ", its image "
						+ image.width() + "x" + image.height());
				InstanceEvaluation.ImageResult r = evaluation.run(name, manifest.modality(name), image.image, truth.labels(), null);
				images.add(r);
				console.err.printf(Locale.ROOT, "sam-ij: eval %d/%d %s: %d objects; Segment All %d (AP50 %.3f, %.1f s, %d prompts "
					+ "decoded); Otsu %d (AP50 %.3f)%n", i + 1, names.size(), name, r.objects, r.sam.predicted, r.sam.ap50,
					r.sam.seconds, r.decoded, r.otsu.predicted, r.otsu.ap50);
			}
		}
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("task", "instances");
		report.put("data", data.toString());
		report.put("model", modelName);
		report.put("settings", settings.asMap());
		report.put("summary", InstanceReport.summarise(images));
		report.put("machine", EvalCommand.machine(null, loadStart));
		report.put("images", images);
		try {
			Files.createDirectories(outDir);
			AtomicFiles.write(outDir.resolve(CSV), o -> o.write(csv(images).getBytes(StandardCharsets.UTF_8)));
			AtomicFiles.write(outDir.resolve(JSON), o -> o.write((GSON.toJson(report) + "\n").getBytes(StandardCharsets.UTF_8)));
		}
		catch (IOException e) {
			throw new SamException("Cannot write into " + outDir + ": " + AtomicFiles.describe(e) + ".");
		}
		console.out.printf(Locale.ROOT, "%d images, model %s, %s%n%n", images.size(), modelName, settings);
		console.out.print(InstanceReport.table(castSummary(report)));
		console.out.println("Wrote " + outDir.resolve(JSON) + " and " + CSV);
		return 0;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> castSummary(Map<String, Object> report) {
		return (Map<String, Object>) report.get("summary");
	}

	private static String csv(List<InstanceEvaluation.ImageResult> images) {
		StringBuilder s = new StringBuilder("image,modality,objects,method,predicted,tp50,ap50,ap,f1,seconds\n");
		for (InstanceEvaluation.ImageResult i : images) {
			row(s, i, "sam", i.sam);
			row(s, i, "otsu", i.otsu);
		}
		return s.toString();
	}

	private static void row(StringBuilder s, InstanceEvaluation.ImageResult i, String method, InstanceEvaluation.Method m) {
		s.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%d,%d,%.4f,%.4f,%.4f,%.3f%n", i.name, i.modality, i.objects, method, m.predicted,
			m.tp50, m.ap50, m.ap, m.f1, m.seconds));
	}
}
