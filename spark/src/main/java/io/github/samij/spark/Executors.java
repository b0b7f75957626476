package io.github.samij.spark;

import io.github.samij.cli.BatchCommand;
import io.github.samij.cli.BatchPlan;
import io.github.samij.cli.Console;
import io.github.samij.core.SamException;
import io.github.samij.core.Segmenter;
import io.github.samij.core.model.SamModel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an executor JVM keeps between the tasks of a batch: one model and segmenter, loaded by the
 * first task and shared by every task and thread after it (never one per image), and the plan,
 * rebuilt from the batch's command line as the driver built it. Kept for the JVM's life: an
 * executor runs one application. Thread-safe: tasks run side by side on an executor's cores.
 */
final class Executors {

	private static final Map<List<String>, Segmenter> SEGMENTERS = new HashMap<>();
	private static final Map<List<String>, BatchPlan> PLANS = new HashMap<>();

	private Executors() { }

	/** The segmenter of the command line's model, loaded on first use in this JVM. */
	static synchronized Segmenter segmenter(List<String> args) {
		return SEGMENTERS.computeIfAbsent(args, a -> {
			Console console = new Console(System.out, System.err);
			SamModel model = BatchCommand.loadModel(console, BatchCommand.declare().parse(a));
			return new Segmenter(model, Segmenter.DEFAULT_CACHE_BYTES);
		});
	}

	/**
	 * The plan of the command line, as the driver made it.
	 *
	 * @throws SamException when this executor cannot see the images folder
	 */
	static synchronized BatchPlan plan(List<String> args) {
		BatchPlan plan = PLANS.get(args);
		if (plan != null) return plan;
		Path folder = BatchCommand.declare().parse(args).path("--folder");
		if (folder == null || !Files.isDirectory(folder))
			throw new SamException("The executor on " + host() + " cannot read the images folder " + folder + ": Spark's executors "
				+ "need the images on a file system every one of them sees (a shared or network folder, the same path everywhere).");
		plan = BatchCommand.plan(BatchCommand.declare().parse(args));
		PLANS.put(args, plan);
		return plan;
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException e) {
			return "this machine";
		}
	}
}
