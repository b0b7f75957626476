package io.github.samij.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * {@code sam-ij install DIR}: installs the plugin into the ImageJ or Fiji folder {@code DIR} from
 * the build's install layout ({@link Installer}); prints what it removed, installed and kept.
 */
final class InstallCommand {

	/** The layout, relative to the repository. */
	static final String LAYOUT = "ij/target/install";

	private final Console console;

	InstallCommand(Console console) {
		this.console = console;
	}

	int run(List<String> args) {
		if (args.size() == 1 && (args.get(0).equals("--help") || args.get(0).equals("-h"))) {
			console.out.print(Usage.TEXT);
			return 0;
		}
		if (args.size() != 1 || args.get(0).startsWith("-"))
			throw new UsageException("install takes one argument, the ImageJ or Fiji folder: sam-ij install DIR");
		Path dir = Paths.get(args.get(0)).toAbsolutePath().normalize();
		Installer.Kind kind = Installer.kind(dir);
		List<String> done = Installer.install(DemoCommand.repositoryRoot().resolve(LAYOUT), dir);
		console.out.println("Installed SAM-IJ into " + (kind == Installer.Kind.FIJI ? "Fiji" : "ImageJ") + " at " + dir + ":");
		for (String line : done) console.out.println("  " + line);
		console.out.println("Restart " + (kind == Installer.Kind.FIJI ? "Fiji" : "ImageJ")
			+ "; the commands are under Plugins > Segment Anything.");
		return 0;
	}
}
