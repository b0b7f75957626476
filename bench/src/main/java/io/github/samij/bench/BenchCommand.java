package io.github.samij.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import io.github.samij.cli.Console;
import io.github.samij.cli.DemoCommand;
import io.github.samij.cli.Options;
import io.github.samij.cli.Subcommand;
import io.github.samij.cli.UsageException;
import io.github.samij.core.SamException;
import io.github.samij.core.batch.AtomicFiles;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * {@code sam-ij bench [--out FILE.json] [--quick] [--sweep] [--model DIR]}: measures speed and
 * overhead on the default model (see {@link Benchmark}), prints a table and writes JSON;
 * {@code --tiled} runs only the tiled Segment All of a 6144² mosaic with -Xmx1g ({@link TiledBench}).
 */
public final class BenchCommand implements Subcommand {

	static final String DEFAULT_OUT = "out/bench/bench.json", DEFAULT_SWEEP_OUT = "out/bench/sweep.json";
	static final String DEFAULT_TILED_OUT = "out/bench/tiled.json";

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
		.serializeSpecialFloatingPointValues().create();

	private final Console console;

	public BenchCommand(Console console) {
		this.console = console;
	}

	@Override
	public Options options() {
		return new Options("bench").value("--out", "FILE.json").value("--model", "NAME|DIR").flag("--quick").flag("--sweep")
			.flag("--tiled");
	}

	@Override
	public int run(Options.Values o) {
		Path outFile = o.path("--out");
		String model = o.get("--model");
		boolean quick = o.has("--quick"), sweep = o.has("--sweep");
		Path root = DemoCommand.repositoryRoot();
		if (outFile == null) outFile = root.resolve(sweep ? DEFAULT_SWEEP_OUT : DEFAULT_OUT); // never over the full run
		if (Files.isDirectory(outFile)) throw new UsageException("--out '" + outFile + "' is a folder; give a .json file");
		if (o.has("--tiled")) {
			// Minutes long and in a JVM of its own (-Xmx1g): its own file, apart from the other sections.
			Map<String, Object> tiled = TiledBench.inChildJvm(root);
			Path file = o.has("--out") ? outFile : root.resolve(DEFAULT_TILED_OUT);
			write(file, GSON.toJson(tiled) + "\n");
			for (Map.Entry<String, Object> e : tiled.entrySet()) {
				Object v = e.getValue(); // JSON numbers come back as doubles: whole ones print as whole
				console.out.println(e.getKey() + ": " + (v instanceof Double && (Double) v == Math.rint((Double) v)
					? Long.toString(((Double) v).longValue()) : v));
			}
			console.out.println("Wrote " + file);
			return 0;
		}
		BufferedImage picture = readPicture(root.resolve(DemoCommand.IMAGE));

		Benchmark bench = new Benchmark(quick ? Plan.QUICK : Plan.FULL, picture, root, model, sweep, console.err);
		Map<String, Object> report = bench.run();
		console.out.print(BenchTable.render(report));
		write(outFile, GSON.toJson(report) + "\n");
		console.out.println("Wrote " + outFile);
		return 0;
	}

	static BufferedImage readPicture(Path file) {
		try {
			BufferedImage img = ImageIO.read(file.toFile());
			if (img == null) throw new SamException("Cannot read the benchmark image " + file + ".");
			return img;
		}
		catch (IOException e) {
			throw new SamException("Cannot read the benchmark image " + file + ": " + e.getMessage());
		}
	}

	static void write(Path file, String text) {
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) Files.createDirectories(parent);
			AtomicFiles.write(file, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (IOException e) {
			throw new SamException("Cannot write " + file + ": " + AtomicFiles.describe(e) + ".");
		}
	}
}
