package io.github.samij.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.cli.BatchCommand;
import io.github.samij.cli.BatchPlan;
import io.github.samij.cli.ImageTask;
import io.github.samij.cli.Invocation;
import io.github.samij.cli.LargeImages;
import io.github.samij.cli.Main;
import io.github.samij.core.SamException;
import io.github.samij.core.TestImages;
import io.github.samij.core.batch.AtomicFiles;
import io.github.samij.core.batch.BatchFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch on a real Spark in local mode, with the real default model and DSB 2018 images, against
 * the plain command-line batch on the same folder.
 */
class SparkBatchTest {

	@TempDir
	Path tmp;

	/** Failed first attempts seen by {@link #aTaskThatFailsMidWriteIsRetriedAndLeavesEveryFileWhole} (local mode: this JVM). */
	static final AtomicInteger FAILED = new AtomicInteger();

	private Path images() throws IOException {
		Path images = Files.createDirectories(tmp.resolve("images"));
		for (String n : new String[] { "dsb000", "dsb003", "dsb009" }) Files.copy(TestImages.dsb(n), images.resolve(n + ".png"));
		return images;
	}

	private static Invocation spark(String... args) {
		return Invocation.of(SparkBatch::run, args);
	}

	private static List<String> notes(Invocation run) {
		return run.err.lines().filter(l -> l.startsWith("sam-ij: note: ")).collect(Collectors.toList());
	}

	private static List<String> names(Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	/** Every file of the plain run's output is in the Spark run's, byte for byte, and nothing else. */
	private static void assertSameOutputs(Path plain, Path spark) throws IOException {
		assertEquals(names(plain), names(spark), "the same files, no temporary ones");
		for (String name : names(plain))
			assertArrayEquals(Files.readAllBytes(plain.resolve(name)), Files.readAllBytes(spark.resolve(name)), name);
	}

	@Test
	void segmentAllOnSparkWritesWhatThePlainBatchWrites() throws IOException {
		Path images = images(), plain = tmp.resolve("plain"), spark = tmp.resolve("spark");
		Invocation.ok("batch", "--folder", images.toString(), "--all", "--out", plain.toString());
		Invocation run = spark("batch", "--folder", images.toString(), "--all", "--out", spark.toString(), "--spark", "local[2]");
		assertEquals(0, run.status, run.toString());
		assertTrue(run.out.startsWith("Batch: 3 of 3 image(s) done, "), run.out);
		assertEquals(List.of("sam-ij: Batch: 1 of 3 image(s) done (33%)", "sam-ij: Batch: 2 of 3 image(s) done (66%)",
			"sam-ij: Batch: 3 of 3 image(s) done"), run.err.lines().collect(Collectors.toList()), "progress only: no Spark log, no problem");
		assertSameOutputs(plain, spark);
		assertEquals(4, names(spark).size());
	}

	@Test
	void promptsFromACsvOnSparkWriteWhatThePlainBatchWrites() throws IOException {
		Path images = images(), plain = tmp.resolve("plain"), spark = tmp.resolve("spark");
		Files.writeString(images.resolve("prompts.csv"), String.join("\n", "file,x,y,x0,y0,x1,y1", "dsb000.png,130,120,,,,",
			"dsb003.png,,,100,100,160,150", "dsb009.png,oops,1,,,,", "missing.png,1,1,,,,", ""));
		Invocation plainRun = Invocation.ok("batch", "--folder", images.toString(), "--out", plain.toString());
		Invocation run = spark("batch", "--folder", images.toString(), "--out", spark.toString(), "--spark", "local[2]");
		assertEquals(0, run.status, run.toString());
		assertEquals(notes(plainRun), notes(run), "the same notes for the bad line and the missing image");
		assertEquals(2, notes(run).size(), run.err);
		assertEquals(plainRun.out.replace(plain.toString(), spark.toString()), run.out);
		assertSameOutputs(plain, spark);
	}

	/** What the driver does after the tasks: the results file, once. */
	private static void writeResults(BatchPlan plan, List<ImageTask.Result> results) {
		StringBuilder rows = new StringBuilder(BatchFiles.HEADER).append('\n');
		for (ImageTask.Result r : results) rows.append(r.rows);
		plan.writeResults(rows.toString());
	}

	@Test
	void theTilesOfALargeImageAreTasksOfTheirOwnAndMergeToThePlainLabels() throws IOException {
		Path images = images(), plain = tmp.resolve("plain"), spark = tmp.resolve("spark");
		LargeImages.writeTiff(images.resolve("mosaic.tif"));
		Invocation.ok("batch", "--folder", images.toString(), "--all", "--tile", "512", "--out", plain.toString());
		List<String> args = List.of("--folder", images.toString(), "--all", "--tile", "512", "--out", spark.toString());
		BatchPlan plan = BatchCommand.plan(BatchCommand.declare().parse(args));
		plan.prepare();
		AtomicInteger tasks = new AtomicInteger();
		List<ImageTask.Result> results;
		try (JavaSparkContext sc = new JavaSparkContext(SparkBatch.conf("local[2]"))) {
			sc.sc().addSparkListener(new SparkListener() {
				@Override
				public void onTaskEnd(SparkListenerTaskEnd end) {
					tasks.incrementAndGet();
				}
			});
			results = SparkBatch.run(sc, plan, args, ImageTask::run);
		}
		assertEquals(3 + 4, tasks.get(), "three small images, and the 700 × 600 one in four tiles of 512");
		writeResults(plan, results);
		assertSameOutputs(plain, spark);
		int[] labels = new int[LargeImages.WIDTH * LargeImages.HEIGHT];
		ImageIO.read(spark.resolve("mosaic" + BatchFiles.LABELS_SUFFIX).toFile()).getRaster().getSamples(0, 0, LargeImages.WIDTH,
			LargeImages.HEIGHT, 0, labels);
		int mosaic = 3; // the plan's images by name: dsb000, dsb003, dsb009, mosaic
		assertEquals("mosaic.tif", plan.entries().get(mosaic).file);
		assertTrue(LargeImages.truth().ap50(labels, results.get(mosaic).objects) >= 0.7, "the merged tiles find the nuclei");
	}

	@Test
	void aTaskThatFailsMidWriteIsRetriedAndLeavesEveryFileWhole() throws IOException {
		Path images = images(), plain = tmp.resolve("plain"), spark = tmp.resolve("spark");
		Invocation.ok("batch", "--folder", images.toString(), "--all", "--out", plain.toString());
		List<String> args = List.of("--folder", images.toString(), "--all", "--out", spark.toString());
		BatchPlan plan = BatchCommand.plan(BatchCommand.declare().parse(args));
		plan.prepare();
		FAILED.set(0);
		// local[2,3]: two threads, three attempts per task. The first attempt at image 1 dies half way through its label image.
		List<ImageTask.Result> results;
		try (JavaSparkContext sc = new JavaSparkContext(SparkBatch.conf("local[2,3]"))) {
			results = SparkBatch.run(sc, plan, args, (p, entry, segmenter) -> {
				if (entry.index == 1 && TaskContext.get().attemptNumber() == 0) {
					FAILED.incrementAndGet();
					try {
						AtomicFiles.write(entry.labels(), out -> {
							out.write(new byte[4096]);
							throw new IOException("the executor was lost");
						});
					}
					catch (IOException e) {
						throw new UncheckedIOException(e);
					}
				}
				return ImageTask.run(p, entry, segmenter);
			});
		}
		assertEquals(1, FAILED.get(), "one attempt failed");
		assertEquals(3, results.size());
		writeResults(plan, results);
		assertSameOutputs(plain, spark);
	}

	@Test
	void executorsThatCannotReadTheFolderStopTheJobWithOneMessage() throws IOException {
		Path images = images();
		List<String> args = List.of("--folder", images.toString(), "--all", "--out", tmp.resolve("out").toString());
		BatchPlan plan = BatchCommand.plan(BatchCommand.declare().parse(args));
		// The driver sees the folder; the executors get a path that is not there for them.
		List<String> elsewhere = new ArrayList<>(args);
		elsewhere.set(1, tmp.resolve("not-mounted-here").toString());
		SamException e;
		try (JavaSparkContext sc = new JavaSparkContext(SparkBatch.conf("local[2]"))) {
			e = assertThrows(SamException.class, () -> SparkBatch.run(sc, plan, elsewhere, ImageTask::run));
		}
		assertTrue(e.getMessage().startsWith("The Spark job failed: The executor on "), e.getMessage());
		assertTrue(e.getMessage().contains("cannot read the images folder " + tmp.resolve("not-mounted-here")
			+ ": Spark's executors need the images on a file system every one of them sees"), e.getMessage());
		assertFalse(e.getMessage().contains("\n"), "one line");
	}

	@Test
	void aMasterThatCannotBeReachedOrReadIsOneLineAndNothingIsWritten() throws IOException {
		Path images = images(), out = tmp.resolve("out");
		Invocation unreachable = spark("batch", "--folder", images.toString(), "--all", "--out", out.toString(), "--spark",
			"spark://127.0.0.1:1");
		assertEquals(Main.FAILURE, unreachable.status);
		assertEquals(1, unreachable.errLines().length, unreachable.err);
		assertTrue(unreachable.err.startsWith("sam-ij: Cannot reach the Spark master spark://127.0.0.1:1 ("), unreachable.err);
		assertFalse(Files.exists(out), "nothing written");

		Invocation wrong = spark("batch", "--folder", images.toString(), "--all", "--spark", "localhost");
		assertEquals(Main.USAGE, wrong.status);
		assertTrue(wrong.err.startsWith("sam-ij: --spark expects local[N]"), wrong.err);
		Invocation none = spark("batch", "--folder", images.toString(), "--all");
		assertEquals("sam-ij: missing --spark MASTER, e.g. --spark local[2] (see 'sam-ij help')", none.err.trim());
		assertFalse(Files.exists(images.resolve(BatchFiles.RESULTS_FILE)), "nothing written");
	}
}
