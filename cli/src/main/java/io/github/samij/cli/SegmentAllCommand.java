package io.github.samij.cli;

import io.github.samij.core.Segmenter;
import io.github.samij.core.instances.Instances;
import io.github.samij.core.instances.SegmentAll;
import io.github.samij.core.instances.SegmentAllSettings;
import io.github.samij.core.model.SamModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code sam-ij segment-all --image FILE --out DIR [settings]}: every object of an image
 * ({@link SegmentAll}), written by {@link InstancesWriter}. Everything the user gave is checked
 * before the slow model load; the outputs are written only once the run has succeeded.
 */
final class SegmentAllCommand implements Subcommand {

	private final Console console;

	SegmentAllCommand(Console console) {
		this.console = console;
	}

	@Override
	public Options options() {
		return ModelChoice.declare(SegmentAllArgs.declare(new Options("segment-all").value("--image", "FILE").value("--out", "DIR")
			.value("--range", "percentile|minmax|MIN,MAX")));
	}

	@Override
	public int run(Options.Values o) {
		Path imageFile = o.path("--image"), out = o.path("--out");
		ModelChoice modelChoice = ModelChoice.of(o);
		SegmentAllSettings settings = SegmentAllArgs.settings(o);
		if (imageFile == null) throw new UsageException("missing --image FILE: the image to segment (see 'sam-ij help')");
		if (out == null) throw new UsageException("missing --out DIR: the folder for labels.tif, overlay.png and result.json");
		if (Files.exists(out) && !Files.isDirectory(out))
			throw new UsageException("--out '" + out + "' is a file; give a folder (it is created if needed)");
		ImageFiles.Loaded image = ImageFiles.read(imageFile, o.has("--range") ? RangeChoice.parse(o.get("--range")) : RangeChoice.PERCENTILE);
		if (o.has("--range") && image.range == null)
			console.note("--range is ignored for " + image.kind + " images; it maps 16- and 32-bit grey");

		long t0 = System.nanoTime();
		try (SamModel model = console.loadModel(modelChoice)) {
			long load = (System.nanoTime() - t0) / 1_000_000;
			ConsoleProgress progress = new ConsoleProgress(console);
			Instances found;
			try {
				found = new SegmentAll(new Segmenter(model, Segmenter.DEFAULT_CACHE_BYTES), settings).run(image.image, progress,
					() -> false);
			}
			finally {
				progress.finish();
			}
			List<String> files = InstancesWriter.write(out, image, found, settings, model.name(), load);
			for (String note : found.notes()) console.note(note);
			Instances.Run run = found.run();
			console.out.printf(Locale.ROOT, "Image:   %s (%dx%d, %s)%n", image.file, image.width(), image.height(), image.kind);
			console.out.printf(Locale.ROOT, "Model:   %s (load %d ms, encode %.0f ms, prompts %.0f ms)%n", model.name(), load,
				run.encodeSeconds * 1000, run.promptSeconds * 1000);
			console.out.printf(Locale.ROOT, "Prompts: %s, %d point(s), %d skipped inside objects, %d decoder run(s)%n",
				settings.prompts(), run.points, run.skipped, run.decoded);
			console.out.printf(Locale.ROOT, "Objects: %d%n", found.count());
			console.out.println("Wrote to " + out + ": " + String.join(", ", files));
			return 0;
		}
	}
}
