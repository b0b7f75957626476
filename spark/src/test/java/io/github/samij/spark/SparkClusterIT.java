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

	@Test
	void sparkSubmitToAStandaloneClusterWritesWhatThePlainBatchWrites() throws Exception {
		Path images = Files.createDirectories(tmp.resolve("images")), plain = tmp.resolve("plain"), out = tmp.resolve("cluster");
		for (String n : new String[] { "dsb000", "dsb003", "dsb009" }) Files.copy(TestImages.dsb(n), images.resolve(n + ".png"));
		Invocation.ok("batch", "--folder", images.toString(), "--all", "--out", plain.toString());

		List<String> submit = java("org.apache.spark.deploy.SparkSubmit");
		submit.addAll(List.of("--master", master, "--executor-memory", "2g", "--class", SparkBatch.class.getName(),
			Paths.get("target/sam-ij-spark-submit.jar").toAbsolutePath().toString(), "batch", "--folder", images.toString(), "--all",
			"--out", out.toString()));
		ProcessBuilder b = new ProcessBuilder(submit).redirectErrorStream(true).redirectOutput(tmp.resolve("submit.log").toFile());
		b.environment().put("SPARK_HOME", sparkHome.toString());
		Process p = b.start();
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), "spark-submit finished" + log("submit"));
		String log = log("submit");
		assertEquals(0, p.exitValue(), log);
		assertTrue(log.contains("Batch: 3 of 3 image(s) done, "), log);
		assertTrue(log("worker").contains("Asked to launch executor"), "the worker started an executor JVM" + log("worker"));
		List<String> names;
		try (Stream<Path> s = Files.list(plain)) {
			names = s.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
		}
		for (String name : names)
			assertArrayEquals(Files.readAllBytes(plain.resolve(name)), Files.readAllBytes(out.resolve(name)), name);
	}
}
