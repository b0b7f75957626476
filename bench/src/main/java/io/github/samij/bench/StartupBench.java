package io.github.samij.bench;

import io.github.samij.cli.Stats;
import io.github.samij.core.SamException;
import io.github.samij.core.model.ManagedModel;
import io.github.samij.core.model.SamModel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A whole command-line run against its floor, each as a fresh process, interleaved: {@code sam-ij
 * segment} on sample-data/ihc.png with one click (JVM start, model checks and load, encode, decode,
 * three mask PNGs, overlay, result.json) against {@link BareSessions} (JVM start, two sessions from
 * the model files, one encode, one decode), and that bare main again with ONNX Runtime's native
 * libraries loaded from SAM-IJ's cache as SAM-IJ loads them. All run on this JVM's class path and
 * Java; the ratios are taken per round. Use from one thread.
 */
final class StartupBench {

	private StartupBench() { }

	static Map<String, Object> run(Plan plan, Path root, Consumer<String> progress) {
		Path model = ManagedModel.inCache().directory();
		Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
		String classPath = System.getProperty("java.class.path");
		List<Double> samij = new ArrayList<>(), bare = new ArrayList<>(), ratio = new ArrayList<>();
		List<Double> bareCached = new ArrayList<>(), ratioCached = new ArrayList<>();
		// SAM-IJ loads ONNX Runtime's native libraries from its cache (NativeLibraries); a second floor
		// does the same, so that the saving is not counted as SAM-IJ's alone.
		SamModel.onnxRuntimeVersion();
		String nativePath = System.getProperty("onnxruntime.native.path");
		Path out;
		try {
			out = Files.createTempDirectory("sam-ij-startup");
		}
		catch (IOException e) {
			throw new SamException("Cannot create a temporary folder for the start-up benchmark: " + e.getMessage());
		}
		List<String> common = new ArrayList<>(List.of(java.toString(), "-Xmx2g", "-Djava.awt.headless=true"));
		String cache = System.getProperty(ManagedModel.CACHE_PROPERTY);
		if (cache != null && !cache.isBlank()) common.add("-D" + ManagedModel.CACHE_PROPERTY + "=" + cache);
		common.addAll(List.of("-cp", classPath));
		List<String> segment = new ArrayList<>(common);
		segment.addAll(List.of("-Dsamij.home=" + root, "io.github.samij.cli.Main", "segment", "--image",
			root.resolve("sample-data/ihc.png").toString(), "--point", "300,350", "--out", out.toString()));
		List<String> bareMain = List.of(BareSessions.class.getName(), model.resolve("encoder.onnx").toString(),
			model.resolve("sam.onnx").toString());
		List<String> floor = new ArrayList<>(common);
		floor.addAll(bareMain);
		List<String> cachedFloor = null;
		if (nativePath != null) {
			cachedFloor = new ArrayList<>(common);
			cachedFloor.add(1, "-Donnxruntime.native.path=" + nativePath);
			cachedFloor.addAll(bareMain);
		}
		int rounds = plan.startupWarmup + plan.startupRuns;
		for (int r = 0; r < rounds; r++) {
			progress.accept("start-up round " + (r + 1) + "/" + rounds + (r < plan.startupWarmup ? " (warm-up)" : ""));
			double s = seconds(segment), b = seconds(floor), c = cachedFloor == null ? Double.NaN : seconds(cachedFloor);
			if (r < plan.startupWarmup) continue;
			samij.add(s);
			bare.add(b);
			ratio.add(s / b);
			if (cachedFloor == null) continue;
			bareCached.add(c);
			ratioCached.add(s / c);
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("what", "wall clock of a fresh process: sam-ij segment (ihc.png, one click, all outputs) vs a bare Java main "
			+ "that creates the two sessions from the model files and runs one encode and one decode; ratio per round");
		m.put("sam_ij_segment_s", Stats.of(samij).toJson(2));
		m.put("bare_sessions_s", Stats.of(bare).toJson(2));
		m.put("ratio", Stats.of(ratio).toJson(3));
		if (cachedFloor != null) {
			m.put("bare_sessions_cached_native_s", Stats.of(bareCached).toJson(2));
			m.put("ratio_to_cached_native", Stats.of(ratioCached).toJson(3));
		}
		return m;
	}

	/** Runs the command to its end; its seconds. Output is discarded; a failure is an error of the benchmark. */
	private static double seconds(List<String> command) {
		try {
			long t0 = System.nanoTime();
			Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File(nullDevice())).start();
			if (!p.waitFor(5, TimeUnit.MINUTES)) {
				p.destroyForcibly();
				throw new SamException("The start-up benchmark's process did not end: " + String.join(" ", command));
			}
			double s = (System.nanoTime() - t0) / 1e9;
			if (p.exitValue() != 0)
				throw new SamException("The start-up benchmark's process failed (status " + p.exitValue() + "): "
					+ String.join(" ", command));
			return s;
		}
		catch (IOException e) {
			throw new SamException("Cannot start " + command.get(0) + ": " + e.getMessage());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new SamException("The start-up benchmark was interrupted.");
		}
	}

	private static String nullDevice() {
		return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win") ? "NUL" : "/dev/null";
	}
}
