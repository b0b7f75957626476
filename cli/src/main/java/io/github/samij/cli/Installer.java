package io.github.samij.cli;

import io.github.samij.core.SamException;
import io.github.samij.core.batch.AtomicFiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs SAM-IJ into an ImageJ or Fiji folder from the build's install layout
 * ({@code ij/target/install}): {@code plugins/sam_ij-<version>.jar} (the plugin and the core, gson
 * and protobuf relocated, so nothing clashes with Fiji's own copies) and ONNX Runtime's jar — into
 * Fiji's {@code jars/}, or {@code plugins/jars/} of a plain ImageJ 1, which also gets SciJava Common
 * and Parsington (Fiji has them). Older SAM-IJ jars and other ONNX Runtime versions are removed
 * first; each file is copied whole or not at all. Reports every change in its result. Not
 * thread-safe; one install at a time per folder.
 */
public final class Installer {

	/** The layout's folders, under {@code ij/target/install}. */
	public static final String PLUGINS = "plugins", JARS = "jars", IMAGEJ1 = "imagej1";

	/** What kind of folder it is. */
	public enum Kind {
		FIJI, IMAGEJ1
	}

	private Installer() { }

	/** The kind of ImageJ folder {@code dir} is; a one-line refusal when it is neither. */
	public static Kind kind(Path dir) {
		if (!Files.isDirectory(dir))
			throw new UsageException("'" + dir + "' is not a folder; give the ImageJ or Fiji folder (the one holding plugins/)");
		if (Files.isDirectory(dir.resolve(JARS)) && !matching(dir.resolve(JARS), "ij-", ".jar").isEmpty()
			&& Files.isDirectory(dir.resolve(PLUGINS))) return Kind.FIJI;
		if (Files.isRegularFile(dir.resolve("ij.jar")) && Files.isDirectory(dir.resolve(PLUGINS))) return Kind.IMAGEJ1;
		throw new UsageException("'" + dir + "' is not an ImageJ or Fiji folder (neither jars/ij-*.jar nor ij.jar beside a "
			+ "plugins/ folder); give the folder ImageJ or Fiji runs from, e.g. Fiji.app");
	}

	/**
	 * Installs from {@code layout} into {@code dir}.
	 *
	 * @return one line per change, relative to {@code dir}: "removed …", "installed …", "kept …"
	 */
	public static List<String> install(Path layout, Path dir) {
		Kind kind = kind(dir);
		List<Path> plugin = matching(layout.resolve(PLUGINS), "sam_ij-", ".jar");
		List<Path> onnx = matching(layout.resolve(JARS), "onnxruntime-", ".jar");
		if (plugin.size() != 1 || onnx.size() != 1)
			throw new SamException("The install layout " + layout + " is incomplete (" + plugin.size() + " plugin jar(s), "
				+ onnx.size() + " ONNX Runtime jar(s)); build it with 'mvn -q -pl ij -am package -DskipTests'.");
		Path plugins = dir.resolve(PLUGINS);
		Path libraries = kind == Kind.FIJI ? dir.resolve(JARS) : plugins.resolve(JARS);
		List<String> report = new ArrayList<>();
		try {
			Files.createDirectories(libraries);
			// Older SAM-IJ jars wherever an earlier install put them, and ONNX Runtime in other versions.
			for (Path old : matching(plugins, "sam_ij-", ".jar")) remove(dir, old, plugins.resolve(name(plugin.get(0))), report);
			for (Path folder : List.of(plugins.resolve(JARS), dir.resolve(JARS))) {
				for (Path old : matching(folder, "sam-ij-core-", ".jar")) remove(dir, old, null, report);
				for (Path old : matching(folder, "onnxruntime-", ".jar")) remove(dir, old, libraries.resolve(name(onnx.get(0))), report);
			}
			copy(dir, plugin.get(0), plugins, report);
			copy(dir, onnx.get(0), libraries, report);
			if (kind == Kind.IMAGEJ1)
				for (Path jar : matching(layout.resolve(IMAGEJ1), "", ".jar")) {
					List<Path> present = matching(libraries, name(jar).replaceFirst("-\\d.*$", "-"), ".jar");
					if (present.isEmpty()) copy(dir, jar, libraries, report);
					else report.add("kept " + dir.relativize(present.get(0)) + " (already there)");
				}
		}
		catch (IOException e) {
			throw new SamException("Cannot install into " + dir + ": " + AtomicFiles.describe(e)
				+ "; check that the folder is writable and ImageJ is not updating it.");
		}
		return report;
	}

	/** Removes {@code old} unless it is where the new file goes (it is replaced there whole). */
	private static void remove(Path dir, Path old, Path target, List<String> report) throws IOException {
		if (old.equals(target)) return;
		Files.delete(old);
		report.add("removed " + dir.relativize(old));
	}

	private static void copy(Path dir, Path jar, Path folder, List<String> report) throws IOException {
		Path target = folder.resolve(name(jar));
		AtomicFiles.write(target, out -> Files.copy(jar, out));
		report.add("installed " + dir.relativize(target));
	}

	/** The files of {@code folder} named {@code prefix…suffix}, by name; none if the folder is missing. */
	private static List<Path> matching(Path folder, String prefix, String suffix) {
		List<Path> found = new ArrayList<>();
		if (!Files.isDirectory(folder)) return found;
		try (DirectoryStream<Path> s = Files.newDirectoryStream(folder)) {
			for (Path p : s)
				if (Files.isRegularFile(p) && name(p).startsWith(prefix) && name(p).endsWith(suffix)) found.add(p);
		}
		catch (IOException e) {
			throw new SamException("Cannot list " + folder + ": " + AtomicFiles.describe(e) + ".");
		}
		found.sort(null);
		return found;
	}

	private static String name(Path p) {
		return p.getFileName().toString();
	}
}
