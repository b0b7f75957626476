package io.github.samij.spark;

import io.github.samij.cli.BatchCommand;
import io.github.samij.cli.BatchPlan;
import io.github.samij.cli.Console;
import io.github.samij.cli.ConsoleProgress;
import io.github.samij.cli.ImageTask;
import io.github.samij.cli.Main;
import io.github.samij.cli.Options;
import io.github.samij.cli.Usage;
import io.github.samij.cli.UsageException;
import io.github.samij.core.Progress;
import io.github.samij.core.SamException;
import io.github.samij.core.Segmenter;
import io.github.samij.core.batch.AtomicFiles;
import io.github.samij.core.batch.BatchFiles;
import io.github.samij.core.instances.Instances;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * {@code sam-ij batch ... --spark MASTER}: the command line's folder batch as an Apache Spark job.
 * The driver plans the run as the plain batch does ({@link BatchPlan}: same CSV, same problems,
 * same outputs), then hands out the images, one partition each (one per tile for a large image of a
 * {@code --all} run, merged by the driver); an executor JVM loads the model
 * once, for all its tasks ({@link Executors}), and each task writes its image's label image whole
 * under a temporary name and renames it ({@link ImageTask}), so a failed, retried or speculative
 * attempt never leaves a half-written file. The rows come back to the driver, which writes the
 * results file once, in the plan's order. Every failure is one line on stderr, as in the command
 * line. Run from one thread.
 */
public final class SparkBatch {

	/** What a task does with one image; {@link ImageTask#run} but in tests. */
	interface Task extends Serializable {
		ImageTask.Result run(BatchPlan plan, BatchPlan.Entry entry, Segmenter segmenter);
	}

	private SparkBatch() { }

	public static void main(String[] args) {
		if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
		System.exit(run(args, System.out, System.err));
	}

	/** Runs {@code [batch] --folder ... --spark MASTER}; returns the exit status of the command line's contract. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		return Main.guarded(out, err, () -> {
			List<String> list = new ArrayList<>(Arrays.asList(args));
			if (!list.isEmpty() && list.get(0).equals("batch")) list.remove(0);
			Options.Values o = BatchCommand.declare().parse(list);
			if (o.help()) {
				out.print(Usage.TEXT);
				return 0;
			}
			// Under spark-submit the master comes from its --master (as the spark.master property).
			String master = o.has("--spark") ? o.get("--spark") : System.getProperty("spark.master");
			if (master == null) throw new UsageException("missing --spark MASTER, e.g. --spark local[2] (see 'sam-ij help')");
			BatchPlan plan = BatchCommand.plan(o);
			Masters.check(master);
			Console console = new Console(out, err);
			for (String p : plan.problems()) console.note(p);
			plan.prepare();
			List<ImageTask.Result> results;
			ConsoleProgress progress = new ConsoleProgress(console);
			try (JavaSparkContext sc = new JavaSparkContext(conf(master))) {
				List<int[]> work = work(plan);
				sc.sc().addSparkListener(new Finished(progress, work.size(), plan.entries().size()));
				results = run(sc, plan, work, list, ImageTask::run);
			}
			finally {
				progress.finish();
			}
			return finish(console, plan, results);
		});
	}

	/** The context's settings: quiet, and for local runs bound to this machine only. */
	static SparkConf conf(String master) {
		SparkConf conf = new SparkConf().setMaster(master).setAppName("SAM-IJ batch").set("spark.ui.enabled", "false");
		if (master.startsWith("local")) conf.set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.host", "127.0.0.1");
		return conf;
	}

	/**
	 * Runs the plan on {@code sc}: one partition per image, or per tile of an image larger than a
	 * tile in a {@code --all} run, whose tiles the driver then merges in order (the labels of a run on
	 * one machine). The executors rebuild the plan from {@code args}.
	 *
	 * @return the images' results in the plan's order
	 * @throws SamException naming the first cause when the job fails (after Spark's retries)
	 */
	static List<ImageTask.Result> run(JavaSparkContext sc, BatchPlan plan, List<String> args, Task task) {
		return run(sc, plan, work(plan), args, task);
	}

	/** {@link #run(JavaSparkContext, BatchPlan, List, Task)} with the plan's {@link #work}, read once by the caller. */
	private static List<ImageTask.Result> run(JavaSparkContext sc, BatchPlan plan, List<int[]> work, List<String> args,
		Task task)
	{
		if (work.isEmpty()) return List.of();
		ArrayList<String> line = new ArrayList<>(args);
		List<Serializable> parts;
		try {
			parts = sc.parallelize(work, work.size()).map(w -> {
				BatchPlan p = Executors.plan(line);
				BatchPlan.Entry entry = p.entries().get(w[0]);
				Segmenter segmenter = Executors.segmenter(line);
				return w[1] < 0 ? (Serializable) task.run(p, entry, segmenter) : new Tile(w[0], w[1],
					ImageTask.segmentTile(p, entry, w[1], segmenter));
			}).collect();
		}
		catch (Exception e) { // SparkException is checked, though Scala throws it from collect()
			throw new SamException("The Spark job failed: " + Failures.cause(e));
		}
		List<ImageTask.Result> results = new ArrayList<>();
		Map<Integer, List<Tile>> tiles = new TreeMap<>();
		for (Serializable part : parts) {
			if (part instanceof Tile) tiles.computeIfAbsent(((Tile) part).image, i -> new ArrayList<>()).add((Tile) part);
			else results.add((ImageTask.Result) part);
		}
		for (Map.Entry<Integer, List<Tile>> image : tiles.entrySet()) {
			List<Tile> ordered = image.getValue();
			ordered.sort(Comparator.comparingInt(t -> t.tile));
			List<Instances> found = new ArrayList<>(ordered.size());
			for (Tile t : ordered) found.add(t.found);
			results.add(ImageTask.mergeTiles(plan, plan.entries().get(image.getKey()), found));
		}
		results.sort(Comparator.comparingInt(r -> r.index));
		return results;
	}

	/** {image, tile} per task: tile -1 for a whole image, else one task per tile of a large image in a {@code --all} run. */
	static List<int[]> work(BatchPlan plan) {
		List<int[]> work = new ArrayList<>();
		for (BatchPlan.Entry e : plan.entries()) {
			int tiles = 1;
			if (plan.all())
				try {
					tiles = ImageTask.tiles(plan, e).size();
				}
				catch (UsageException unreadable) {
					// the image's own task reports it, as the plain batch does
				}
			if (tiles == 1) work.add(new int[] { e.index, -1 });
			else for (int t = 0; t < tiles; t++) work.add(new int[] { e.index, t });
		}
		return work;
	}

	/** One tile's objects, in the tile's coordinates, on their way to the driver's merge. */
	private static final class Tile implements Serializable {
		private static final long serialVersionUID = 1L;
		final int image;
		final int tile;
		final Instances found;

		Tile(int image, int tile, Instances found) {
			this.image = image;
			this.tile = tile;
			this.found = found;
		}
	}

	/** Reports each task finished (an image, or a tile of a large one), on the driver's listener thread. */
	private static final class Finished extends SparkListener {
		private final Progress progress;
		private final int tasks;
		private final String what;
		private final AtomicInteger done = new AtomicInteger();

		Finished(Progress progress, int tasks, int images) {
			this.progress = progress;
			this.tasks = tasks;
			this.what = tasks == images ? " image(s) done" : " image(s) and tile(s) done";
		}

		@Override
		public void onTaskEnd(SparkListenerTaskEnd end) {
			if (!end.taskInfo().successful()) return;
			int n = done.incrementAndGet();
			progress.report("Batch: " + n + " of " + tasks + what, (double) n / tasks);
		}
	}

	/** Deletes the temporary files of attempts whose executor was killed mid-write (the finished files are whole). */
	private static void removeLeftovers(BatchPlan plan) {
		for (BatchPlan.Entry e : plan.entries())
			try {
				AtomicFiles.removeLeftovers(e.labels());
			}
			catch (IOException x) {
				throw new SamException("Cannot tidy the output folder " + e.labels().getParent() + ": " + AtomicFiles.describe(x) + ".");
			}
	}

	/** Notes, the results file written once, and the summary. */
	private static int finish(Console console, BatchPlan plan, List<ImageTask.Result> results) {
		StringBuilder rows = new StringBuilder(BatchFiles.HEADER).append('\n');
		int done = 0, objects = 0, masks = 0, problems = plan.problems().size();
		for (ImageTask.Result r : results) {
			for (String p : r.problems) console.note(p);
			problems += r.problems.size();
			if (!r.done) continue;
			rows.append(r.rows);
			done++;
			objects += r.objects;
			masks += r.masks;
		}
		plan.writeResults(rows.toString());
		removeLeftovers(plan);
		console.out.println(plan.summary(done, objects, masks, problems));
		return 0;
	}
}
