package io.github.samij.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.cli.Invocation;
import io.github.samij.core.TestImages;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch submitted with spark-submit to a real standalone Spark cluster on this machine — a
 * master and a worker in their own JVMs, the worker starting executor JVMs — with the module's
 * spark-submit jar, as the README shows. Runs after packaging (failsafe), since it needs that jar.
 * SPARK_HOME is a folder of Spark's jars from the build, as a Spark download would hold them.
 */
class SparkClusterIT {

	@TempDir
	static Path tmp;

	static final List<Process> CLUSTER = new ArrayList<>();
	static String master;
	static Path sparkHome;

	@BeforeAll
	static void startACluster() throws Exception {
		sparkHome = Files.createDirectories(tmp.resolve("spark-home/jars"));
		Files.createFile(tmp.resolve("spark-home/RELEASE"));
		try (Stream<Path> libs = Files.list(Paths.get("target/lib"))) {
			for (Path jar : libs.collect(Collectors.toList())) {
				String name = jar.getFileName().toString();
				if (!name.startsWith("sam-ij-") && !name.startsWith("onnxruntime-") && !name.startsWith("imglib2-"))
					Files.createSymbolicLink(sparkHome.resolve(name), jar.toAbsolutePath());
			}
		}
		sparkHome = sparkHome.getParent();
		int port = freePort(), ui = freePort(), workerUi = freePort();
		master = "spark://127.0.0.1:" + port;
		CLUSTER.add(start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "" + port,
			"--webui-port", "" + ui));
		CLUSTER.add(start("worker", "org.apache.spark.deploy.worker.Worker", master, "--host", "127.0.0.1", "--cores", "2",
			"--memory", "4g", "--webui-port", "" + workerUi, "--work-dir", tmp.resolve("work").toString()));
		// Ready when the master's status page lists the worker as alive (polled, with a deadline).
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (!status(ui).contains("\"aliveworkers\" : 1")) {
			for (Process p : CLUSTER)
				if (!p.isAlive()) throw new AssertionError("a cluster process ended: " + log("master") + log("worker"));
			if (System.nanoTime() > deadline) throw new AssertionError("no worker registered: " + log("master") + log("worker"));
			Thread.sleep(200); // polling interval of the readiness check above, not a wait for a result
		}
	}

	@AfterAll
	static void stopTheCluster() {
		for (Process p : CLUSTER) p.destroy();
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

	private static String status(int ui) {
		try (InputStream in = new URL("http://127.0.0.1:" + ui + "/json/").openStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			return ""; // not up yet
		}
	}

	private static Process start(String name, String main, String... args) throws IOException {
		List<String> command = java(main);
		command.addAll(List.of(args));
		ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile());
		b.environment().put("SPARK_HOME", sparkHome.toString());
		b.environment().put("SPARK_SCALA_VERSION", "2.13"); // what a Spark download's load-spark-env.sh sets
		return b.start();
	}

	/** java with Spark's Java 17 options and Spark's jars, running {@code main}. */
	private static List<String> java(String main) {
		List<String> command = new ArrayList<>();
		command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of(System.getProperty("samij.spark.jvm.options", "").trim().split("\\s+")));
		command.add("-Xmx1g");
		command.add("-cp");
		command.add(sparkHome.resolve("jars") + "/*");
		command.add(main);
		return command;
	}

	private static String log(String name) {
		try {
			return "\n--- " + name + ":\n" + Files.readString(tmp.resolve(name + ".log"));
		}
		catch (IOException e) {
			return "";
		}
	}

	/** A folder of the named DSB images and the plain batch's outputs for it, in {@code dir}. */
	private static Path[] folderAndPlainRun(Path dir, String... names) throws IOException {
		Path images = Files.createDirectories(dir.resolve("images")), plain = dir.resolve("plain");
		for (String n : names) Files.copy(TestImages.dsb(n), images.resolve(n + ".png"));
		Invocation.ok("batch", "--folder", images.toString(), "--all", "--out", plain.toString());
		return new Path[] { images, plain };
	}

	/** spark-submit of the batch's jar to the cluster, its output in {@code name}.log. */
	private static Process submit(String name, Path images, Path out) throws IOException {
		List<String> submit = java("org.apache.spark.deploy.SparkSubmit");
		submit.addAll(List.of("--master", master, "--executor-memory", "2g", "--class", SparkBatch.class.getName(),
			Paths.get("target/sam-ij-spark-submit.jar").toAbsolutePath().toString(), "batch", "--folder", images.toString(), "--all",
			"--out", out.toString()));
		ProcessBuilder b = new ProcessBuilder(submit).redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile());
		b.environment().put("SPARK_HOME", sparkHome.toString());
		return b.start();
	}

	private static List<String> names(Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	/** The same files as the plain run, byte for byte, and no other (no temporary file). */
	private static void assertSameOutputs(Path plain, Path out) throws IOException {
		assertEquals(names(plain), names(out));
		for (String name : names(plain))
			assertArrayEquals(Files.readAllBytes(plain.resolve(name)), Files.readAllBytes(out.resolve(name)), name);
	}

	private static long labelImages(Path out) throws IOException {
		if (!Files.isDirectory(out)) return 0;
		return names(out).stream().filter(n -> n.endsWith("_sam_labels.tif")).count();
	}

	private static long launches() {
		return log("worker").lines().filter(l -> l.contains("Asked to launch executor")).count();
	}

	@Test
	void sparkSubmitToAStandaloneClusterWritesWhatThePlainBatchWrites() throws Exception {
		Path[] run = folderAndPlainRun(tmp.resolve("three"), "dsb000", "dsb003", "dsb009");
		Path out = tmp.resolve("three/cluster");
		long before = launches();
		Process p = submit("submit", run[0], out);
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), "spark-submit finished" + log("submit"));
		String log = log("submit");
		assertEquals(0, p.exitValue(), log);
		assertTrue(log.contains("Batch: 3 of 3 image(s) done, "), log);
		assertEquals(before + 1, launches(), "the worker started an executor JVM" + log("worker"));
		assertSameOutputs(run[1], out);
	}

	@Test
	void anExecutorKilledMidJobIsReplacedAndEveryFileStaysWhole() throws Exception {
		String[] eight = { "dsb000", "dsb003", "dsb005", "dsb006", "dsb007", "dsb009", "dsb011", "dsb017" };
		Path[] run = folderAndPlainRun(tmp.resolve("eight"), eight);
		Path out = tmp.resolve("eight/cluster");
		long before = launches();
		Process p = submit("killed", run[0], out);
		// Once the first image is written, the executor JVM dies (SIGKILL: no finally, no clean-up).
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
		while (labelImages(out) == 0) {
			assertTrue(p.isAlive() && System.nanoTime() < deadline, "no image was written" + log("killed"));
			Thread.sleep(50); // polling interval of the condition above
		}
		ProcessHandle executor = ProcessHandle.allProcesses()
			.filter(h -> h.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")).findFirst()
			.orElseThrow(() -> new AssertionError("no executor JVM" + log("worker")));
		assertTrue(executor.destroyForcibly());
		long writtenWhenKilled = labelImages(out);
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), "spark-submit finished" + log("killed"));
		String log = log("killed");
		assertEquals(0, p.exitValue(), log);
		assertTrue(writtenWhenKilled < eight.length, "the executor died with images left: " + writtenWhenKilled);
		assertTrue(launches() >= before + 2, "the worker started a second executor" + log("worker"));
		assertTrue(log.contains("Batch: 8 of 8 image(s) done, "), log);
		assertSameOutputs(run[1], out);
	}
}
