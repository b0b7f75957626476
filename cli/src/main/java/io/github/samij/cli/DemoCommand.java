package io.github.samij.cli;

import io.github.samij.core.SamException;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sam-ij demo}: segments the sample image {@code sample-data/ihc.png} with a click at
 * (300, 350) inside the small gland at the bottom centre, in multi-mask mode, so the three masks
 * show SAM's subpart / part / whole hierarchy. Writes to {@code out/demo} in the repository unless
 * {@code --out} says otherwise.
 */
public final class DemoCommand implements Subcommand {

	/** System property bin/sam-ij sets to the repository root. */
	public static final String HOME_PROPERTY = "samij.home";
	public static final String IMAGE = "sample-data/ihc.png";
	static final String POINT = "300,350";

	private final Console console;

	public DemoCommand(Console console) {
		this.console = console;
	}

	@Override
	public Options options() {
		return ModelChoice.declare(new Options("demo").value("--out", "DIR"));
	}

	@Override
	public int run(Options.Values o) {
		String outDir = o.get("--out"), model = o.get("--model"), device = o.get("--device");
		Path root = repositoryRoot();
		List<String> segmentArgs = new ArrayList<>(List.of("--image", root.resolve(IMAGE).toString(), "--point", POINT,
			"--mode", "multi", "--out", outDir != null ? outDir : root.resolve("out/demo").toString()));
		if (model != null) segmentArgs.addAll(List.of("--model", model));
		if (device != null) segmentArgs.addAll(List.of("--device", device));
		console.out.println("Demo: segment " + IMAGE + " with a click at (300, 350) in multi-mask mode");
		return new SegmentCommand(console).run(SegmentArgs.parse(segmentArgs));
	}

	/**
	 * The folder holding {@value #IMAGE}: from {@value #HOME_PROPERTY}, else upwards from this
	 * program's jar or classes (cli/target/...), else upwards from the current folder.
	 */
	public static Path repositoryRoot() {
		String home = System.getProperty(HOME_PROPERTY);
		if (home != null && !home.isBlank()) {
			Path root = Paths.get(home).toAbsolutePath().normalize();
			if (!Files.isRegularFile(root.resolve(IMAGE)))
				throw new SamException("The demo image " + root.resolve(IMAGE) + " is missing (-D" + HOME_PROPERTY + "="
					+ home + "); restore it from the SAM-IJ repository.");
			return root;
		}
		Path found = upwards(codeLocation());
		if (found == null) found = upwards(Paths.get("").toAbsolutePath());
		if (found == null)
			throw new SamException("Cannot find the demo image " + IMAGE + "; run the demo from the SAM-IJ repository, "
				+ "or segment an image of your own with 'sam-ij segment'.");
		return found;
	}

	private static Path codeLocation() {
		try {
			return Paths.get(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException | RuntimeException e) {
			return null; // no code source (e.g. a custom class loader): fall back to the current folder
		}
	}

	private static Path upwards(Path start) {
		for (Path dir = start == null ? null : start.toAbsolutePath(); dir != null; dir = dir.getParent())
			if (Files.isRegularFile(dir.resolve(IMAGE))) return dir;
		return null;
	}
}
