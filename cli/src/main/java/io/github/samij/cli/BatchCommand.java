package io.github.samij.cli;

import io.github.samij.core.Segmenter;
import io.github.samij.core.batch.BatchFiles;
import io.github.samij.core.instances.SegmentAllSettings;
import io.github.samij.core.instances.TiledSegmentAll;
import io.github.samij.core.model.SamModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code sam-ij batch --folder DIR (--prompts CSV | --all) [--out DIR]}: the images of a folder
 * segmented with the prompts of a CSV, or every object of each ({@code --all}), with the outputs
 * and problem handling of ImageJ's Segment Folder ({@link BatchPlan}, {@link ImageTask}). Images
 * run one after another; the results file is rewritten after each and always lists exactly the
 * finished ones. {@code --spark MASTER} is the same batch on Apache Spark, run by the spark module
 * ({@code bin/sam-ij} sends it there).
 */
public final class BatchCommand implements Subcommand {

	private final Console console;

	public BatchCommand(Console console) {
		this.console = console;
	}

	/** The options of {@code batch}, shared with its Spark run. */
	public static Options declare() {
		return ModelChoice.declare(SegmentAllArgs.declare(new Options("batch").value("--folder", "DIR").value("--prompts", "CSV")
			.value("--out", "DIR").flag("--all").value("--tile", "PIXELS").value("--spark", "MASTER")));
	}

	@Override
	public Options options() {
		return declare();
	}

	/** The plan of the command line; every mistake a {@link UsageException}. */
	public static BatchPlan plan(Options.Values o) {
		Path folder = o.path("--folder"), out = o.path("--out");
		if (folder == null) throw new UsageException("missing --folder DIR: the folder of images (see 'sam-ij help')");
		if (out != null && Files.exists(out) && !Files.isDirectory(out))
			throw new UsageException("--out '" + out + "' is a file; give a folder (it is created if needed)");
		boolean all = o.has("--all");
		if (all && o.has("--prompts")) throw new UsageException("give --prompts CSV or --all, not both");
		if (!all) for (String key : SegmentAllSettings.KEYS)
			if (o.has("--" + key)) throw new UsageException("--" + key + " is a Segment All setting; it needs --all");
		int tile = o.integer("--tile", 64, TiledSegmentAll.DEFAULT_TILE, "a tile side of at least 64 pixels");
		return BatchPlan.of(folder, o.path("--prompts"), out, all ? SegmentAllArgs.settings(o) : null, tile);
	}

	/** The model of the command line. */
	public static SamModel loadModel(Console console, Options.Values o) {
		return console.loadModel(ModelChoice.of(o));
	}

	@Override
	public int run(Options.Values o) {
		if (o.has("--spark"))
			throw new UsageException("--spark runs from the spark module: use bin/sam-ij batch ... --spark MASTER");
		BatchPlan plan = plan(o);
		ModelChoice.of(o); // a wrong --device is a usage error before anything is written
		for (String p : plan.problems()) console.note(p);
		plan.prepare();
		int problems = plan.problems().size(), done = 0, objects = 0, masks = 0;
		StringBuilder rows = new StringBuilder(BatchFiles.HEADER).append('\n');
		List<BatchPlan.Entry> entries = plan.entries();
		try (SamModel model = loadModel(console, o)) {
			Segmenter segmenter = new Segmenter(model, Segmenter.DEFAULT_CACHE_BYTES);
			ConsoleProgress progress = new ConsoleProgress(console);
			try {
				for (BatchPlan.Entry e : entries) {
					progress.report("Batch: image " + (e.index + 1) + " of " + entries.size() + ", " + e.file, (double) e.index
						/ entries.size());
					ImageTask.Result r = ImageTask.run(plan, e, segmenter);
					for (String p : r.problems) console.note(p);
					problems += r.problems.size();
					if (!r.done) continue;
					rows.append(r.rows);
					plan.writeResults(rows.toString());
					done++;
					objects += r.objects;
					masks += r.masks;
				}
			}
			finally {
				progress.finish();
			}
		}
		console.out.println(plan.summary(done, objects, masks, problems));
		return 0;
	}
}
