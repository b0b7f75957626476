package io.github.samij.spark;

import com.google.gson.GsonBuilder;

import io.github.samij.cli.BatchCommand;
import io.github.samij.cli.BatchPlan;
import io.github.samij.cli.Console;
import io.github.samij.cli.DemoCommand;
import io.github.samij.cli.ImageTask;
import io.github.samij.cli.Main;
import io.github.samij.cli.Options;
import io.github.samij.cli.Stats;
import io.github.samij.core.SamException;
import io.github.samij.core.Segmenter;
import io.github.samij.core.batch.AtomicFiles;
import io.github.samij.core.model.SamModel;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code sam-ij bench --scale}: images per second of the folder batch, plain and on Spark
 * {@code local[N]}, on the same folder: the 48 images of the DSB dev set with a box around each of
 * their first {@value #BOXES} nuclei (a screen's typical few prompts per image, so the run is bound
 * by the encoder). Rounds alternate plain and Spark, every image encoded in every round (the
 * embedding caches are cleared); the floor is the encoder's own {@code session.run} time in the
 * same round, summed over the images. Spark's context start is
 * timed apart. Writes {@code out/bench/scale.json}. Run from one thread.
 */
public final class ScaleBench {

	static final int BOXES = 3;
	static final String OUT = "out/bench/scale.json";

	private ScaleBench() { }

	public static void main(String[] args) {
		if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
		System.exit(run(args, System.out, System.err));
	}

	/** {@code [--rounds R] [--spark local[N]]}. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		return Main.guarded(out, err, () -> {
			try {
				return measure(args, out, err);
			}
			catch (IOException e) {
				throw new SamException("The scale benchmark cannot write its files: " + AtomicFiles.describe(e) + ".");
			}
		});
	}

	private static int measure(String[] args, PrintStream out, PrintStream err) throws IOException {
		Options.Values o = new Options("bench --scale").flag("--scale")
			.value("--rounds", "R").value("--spark", "local[N]").parse(List.of(args));
		int rounds = o.integer("--rounds", 1, 2, "a number of rounds");
		String master = o.has("--spark") ? o.get("--spark") : "local[2]";
		Path root = DemoCommand.repositoryRoot(), work = Files.createTempDirectory("sam-ij-scale");
		Path folder = prepare(root.resolve("sample-data/dsb2018-dev"), work.resolve("images"));
		Console console = new Console(out, err);
		List<String> args0 = List.of("--folder", folder.toString(), "--out", work.resolve("out").toString());
		BatchPlan plan = BatchCommand.plan(BatchCommand.declare().parse(args0));
		plan.prepare();
		int n = plan.entries().size();
		List<Double> plainS = new ArrayList<>(), sparkS = new ArrayList<>(), plainFloor = new ArrayList<>(), sparkFloor = new ArrayList<>();
		double contextS;
		try (SamModel model = BatchCommand.loadModel(console, BatchCommand.declare().parse(args0))) {
			Segmenter segmenter = new Segmenter(model, Segmenter.DEFAULT_CACHE_BYTES);
			long c0 = System.nanoTime();
			try (JavaSparkContext sc = new JavaSparkContext(SparkBatch.conf(master))) {
				contextS = (System.nanoTime() - c0) / 1e9;
				SparkBatch.run(sc, plan, args0, ImageTask::run); // warm-up: the executors load the model once
				ImageTask.run(plan, plan.entries().get(0), segmenter);
				for (int r = 0; r < rounds; r++) {
					err.println("sam-ij: scale round " + (r + 1) + " of " + rounds + ": plain batch");
					// Every round encodes every image: the embeddings of the last round are dropped.
				segmenter.cache().clear();
				Executors.segmenter(args0).cache().clear();
				long e0 = model.encoderRunNanos(), t0 = System.nanoTime();
					for (BatchPlan.Entry e : plan.entries()) ImageTask.run(plan, e, segmenter);
					plainS.add((System.nanoTime() - t0) / 1e9);
					plainFloor.add((model.encoderRunNanos() - e0) / 1e9);
					err.println("sam-ij: scale round " + (r + 1) + " of " + rounds + ": Spark " + master);
					SamModel executorModel = Executors.segmenter(args0).model();
					e0 = executorModel.encoderRunNanos();
					t0 = System.nanoTime();
					SparkBatch.run(sc, plan, args0, ImageTask::run);
					sparkS.add((System.nanoTime() - t0) / 1e9);
					sparkFloor.add((executorModel.encoderRunNanos() - e0) / 1e9);
				}
			}
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("what", "sam-ij batch on " + n + " DSB dev images with " + BOXES + " box prompts each; plain (one image at a "
			+ "time) vs Spark " + master + " in one JVM; floor = the encoder's own session.run time summed over the images, in "
			+ "the same round");
		m.put("images", n);
		m.put("rounds", rounds);
		m.put("cores", Runtime.getRuntime().availableProcessors());
		m.put("spark_context_start_s", Stats.round(contextS, 2));
		m.put("plain_s", Stats.of(plainS).toJson(2));
		m.put("plain_images_per_s", Stats.round(n / Stats.of(plainS).median(), 3));
		m.put("plain_ratio_to_floor", Stats.round(Stats.of(plainS).median() / Stats.of(plainFloor).median(), 2));
		m.put("spark_s", Stats.of(sparkS).toJson(2));
		m.put("spark_images_per_s", Stats.round(n / Stats.of(sparkS).median(), 3));
		m.put("spark_ratio_to_floor", Stats.round(Stats.of(sparkS).median() / Stats.of(sparkFloor).median(), 2));
		m.put("spark_over_plain", Stats.round(Stats.of(sparkS).median() / Stats.of(plainS).median(), 2));
		m.put("encoder_s_per_image", Stats.round(Stats.of(plainFloor).median() / n, 3));
		String json = new GsonBuilder().setPrettyPrinting().create().toJson(m) + "\n";
		Path file = root.resolve(OUT);
		Files.createDirectories(file.getParent());
		AtomicFiles.write(file, w -> w.write(json.getBytes(StandardCharsets.UTF_8)));
		out.print(json);
		out.println("Wrote " + file);
		return 0;
	}

	/** Copies the dev set's images into {@code folder} with a prompts CSV: a box around each of the first nuclei of each. */
	private static Path prepare(Path devSet, Path folder) throws IOException {
		Files.createDirectories(folder);
		StringBuilder csv = new StringBuilder("file,x0,y0,x1,y1\n");
		List<Path> images = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(devSet, "dsb[0-9][0-9][0-9].png")) {
			files.forEach(images::add);
		}
		images.sort(null);
		for (Path image : images) {
			String name = image.getFileName().toString();
			Files.copy(image, folder.resolve(name));
			BufferedImage labels = ImageIO.read(devSet.resolve(name.replace(".png", "_labels.png")).toFile());
			if (labels == null) throw new SamException("Cannot read the labels of " + name + ".");
			int w = labels.getWidth(), h = labels.getHeight();
			int[] l = labels.getRaster().getSamples(0, 0, w, h, 0, new int[w * h]);
			for (int label = 1; label <= BOXES; label++) {
				int x0 = w, y0 = h, x1 = -1, y1 = -1;
				for (int i = 0; i < l.length; i++)
					if (l[i] == label) {
						x0 = Math.min(x0, i % w); y0 = Math.min(y0, i / w); x1 = Math.max(x1, i % w + 1); y1 = Math.max(y1, i / w + 1);
					}
				if (x1 > 0) csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d%n", name, x0, y0, x1, y1));
			}
		}
		Files.writeString(folder.resolve("prompts.csv"), csv);
		return folder;
	}
}
