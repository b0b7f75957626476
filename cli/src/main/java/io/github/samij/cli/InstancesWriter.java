package io.github.samij.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import io.github.samij.core.instances.Instance;
import io.github.samij.core.instances.Instances;
import io.github.samij.core.instances.SegmentAllSettings;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * Writes a Segment All result into a folder: {@value #LABELS} (the instance label image at the
 * image's size: 16-bit grey, 32-bit float past 65,535 objects), {@value #OVERLAY} (the image with
 * every object's outline) and {@value #RESULT} (image, model, settings, what the run did, its
 * timings and every object's label, predicted IoU, stability, area, bounding box and prompt). Each
 * file is written whole or not at all, {@value #RESULT} last. Stateless.
 */
final class InstancesWriter {

	static final String LABELS = "labels.tif";
	static final String OVERLAY = "overlay.png";
	static final String RESULT = "result.json";

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();

	private InstancesWriter() { }

	/** @return the file names written, result.json last */
	static List<String> write(Path folder, ImageFiles.Loaded image, Instances found, SegmentAllSettings settings, String model,
		long modelLoadMillis)
	{
		// Everything is rendered before the first file is written, so a failure there leaves the folder as it was.
		BufferedImage labels = labelImage(found);
		BufferedImage overlay = Overlay.drawLabels(image.display, found.labels());
		byte[] json = (GSON.toJson(result(image, found, settings, model, modelLoadMillis)) + "\n").getBytes(StandardCharsets.UTF_8);
		ResultWriter.createFolder(folder);
		List<String> written = new ArrayList<>();
		ResultWriter.writeFile(folder, LABELS, out -> {
			if (!ImageIO.write(labels, "tiff", out)) throw new IOException("this Java has no TIFF writer");
		}, written);
		ResultWriter.writeFile(folder, OVERLAY, out -> ImageIO.write(overlay, "png", out), written);
		ResultWriter.writeFile(folder, RESULT, out -> out.write(json), written);
		return written;
	}

	/** The labels as a 16-bit grey image, or a 32-bit float one when they do not fit 16 bits. */
	static BufferedImage labelImage(Instances found) {
		return LabelImages.image(found.width(), found.height(), found.labels(), found.count());
	}

	private static Map<String, Object> result(ImageFiles.Loaded image, Instances found, SegmentAllSettings settings, String model,
		long modelLoadMillis)
	{
		Map<String, Object> r = new LinkedHashMap<>();
		Map<String, Object> img = new LinkedHashMap<>();
		img.put("file", image.file.toString());
		img.put("width", found.width());
		img.put("height", found.height());
		img.put("kind", image.kind);
		r.put("image", img);
		r.put("model", model);
		r.put("settings", settings.asMap());
		r.put("count", found.count());
		r.put("label_bits", found.fits16Bit() ? 16 : 32);
		r.put("notes", found.notes());
		Instances.Run run = found.run();
		Map<String, Object> prompts = new LinkedHashMap<>();
		prompts.put("points", run.points);
		prompts.put("skipped_inside_objects", run.skipped);
		prompts.put("decoder_runs", run.decoded);
		if (run.bright != null) prompts.put("objects", run.bright ? "bright" : "dark");
		r.put("prompts", prompts);
		Map<String, Object> timing = new LinkedHashMap<>();
		timing.put("model_load_ms", modelLoadMillis);
		timing.put("encode_ms", Math.round(run.encodeSeconds * 1000));
		timing.put("prompts_ms", Math.round(run.promptSeconds * 1000));
		timing.put("total_ms", Math.round(run.totalSeconds * 1000));
		r.put("timing", timing);
		List<Map<String, Object>> objects = new ArrayList<>(found.count());
		for (Instance o : found.objects()) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("label", o.label());
			m.put("iou", round(o.iou()));
			m.put("stability", round(o.stability()));
			m.put("area", o.area());
			m.put("bbox", o.bbox());
			m.put("prompt", new double[] { o.promptX(), o.promptY() });
			m.put("token", o.token());
			objects.add(m);
		}
		r.put("objects", objects);
		return r;
	}

	private static double round(double v) {
		return Math.round(v * 10000) / 10000.0;
	}
}
