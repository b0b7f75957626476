package io.github.samij.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer's file work on a layout and ImageJ/Fiji folders made here (the real layout into a
 * real ImageJ is the ij module's ImageJAppIT): what goes where, what is removed, what is refused.
 */
class InstallerTest {

	@TempDir
	Path tmp;

	private static Path file(Path p, String content) throws IOException {
		Files.createDirectories(p.getParent());
		return Files.writeString(p, content, StandardCharsets.UTF_8);
	}

	private Path layout() throws IOException {
		Path l = tmp.resolve("layout");
		file(l.resolve("plugins/sam_ij-0.2.0.jar"), "plugin 0.2.0");
		file(l.resolve("jars/onnxruntime-1.29.0.jar"), "onnxruntime 1.29.0");
		file(l.resolve("imagej1/scijava-common-2.100.1.jar"), "scijava");
		file(l.resolve("imagej1/parsington-3.1.0.jar"), "parsington");
		return l;
	}

	@Test
	void fijiGetsOnePluginJarAndOnnxRuntimeAndLosesOlderSamIjJars() throws IOException {
		Path fiji = tmp.resolve("Fiji.app");
		file(fiji.resolve("jars/ij-1.54f.jar"), "imagej");
		file(fiji.resolve("jars/scijava-common-2.99.0.jar"), "fiji's own");
		file(fiji.resolve("jars/onnxruntime-1.16.0.jar"), "an older onnxruntime");
		file(fiji.resolve("plugins/sam_ij-0.1.0.jar"), "an older plugin");
		file(fiji.resolve("plugins/jars/sam-ij-core-0.1.0.jar"), "the old layout's core");
		file(fiji.resolve("plugins/Other_Plugin.jar"), "someone else's");

		List<String> report = Installer.install(layout(), fiji);
		assertEquals(List.of("removed plugins/sam_ij-0.1.0.jar", "removed plugins/jars/sam-ij-core-0.1.0.jar",
			"removed jars/onnxruntime-1.16.0.jar", "installed plugins/sam_ij-0.2.0.jar", "installed jars/onnxruntime-1.29.0.jar"),
			report);
		assertEquals("plugin 0.2.0", Files.readString(fiji.resolve("plugins/sam_ij-0.2.0.jar")));
		assertEquals("fiji's own", Files.readString(fiji.resolve("jars/scijava-common-2.99.0.jar")), "Fiji's SciJava stays");
		assertFalse(Files.exists(fiji.resolve("jars/scijava-common-2.100.1.jar")), "nothing Fiji already has");
		assertTrue(Files.exists(fiji.resolve("plugins/Other_Plugin.jar")));

		// Again: the same files, replaced in place.
		assertEquals(List.of("installed plugins/sam_ij-0.2.0.jar", "installed jars/onnxruntime-1.29.0.jar"),
			Installer.install(layout(), fiji));
	}

	@Test
	void plainImageJGetsItsLibrariesInPluginsJarsWithSciJava() throws IOException {
		Path imagej = tmp.resolve("ImageJ");
		file(imagej.resolve("ij.jar"), "imagej");
		file(imagej.resolve("plugins/jars/parsington-3.0.0.jar"), "already there");
		Files.createDirectories(imagej.resolve("plugins"));
		List<String> report = Installer.install(layout(), imagej);
		assertEquals(List.of("installed plugins/sam_ij-0.2.0.jar", "installed plugins/jars/onnxruntime-1.29.0.jar",
			"kept plugins/jars/parsington-3.0.0.jar (already there)", "installed plugins/jars/scijava-common-2.100.1.jar"),
			report);
		assertArrayEquals(new String[] { "onnxruntime-1.29.0.jar", "parsington-3.0.0.jar", "scijava-common-2.100.1.jar" },
			Files.list(imagej.resolve("plugins/jars")).map(p -> p.getFileName().toString()).sorted().toArray());
	}

	@Test
	void aFolderThatIsNotImageJIsRefusedAndLeftAlone() throws IOException {
		Path home = Files.createDirectories(tmp.resolve("home"));
		file(home.resolve("notes.txt"), "mine");
		UsageException e = assertThrows(UsageException.class, () -> Installer.install(layout(), home));
		assertTrue(e.getMessage().startsWith("'" + home + "' is not an ImageJ or Fiji folder"), e.getMessage());
		assertEquals(List.of("notes.txt"), Files.list(home).map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toList()));

		Invocation none = Invocation.of("install");
		assertEquals(Main.USAGE, none.status);
		assertTrue(none.err.contains("install takes one argument, the ImageJ or Fiji folder"), none.err);
		Invocation missing = Invocation.of("install", tmp.resolve("nowhere").toString());
		assertEquals(Main.USAGE, missing.status);
		assertTrue(missing.err.contains("is not a folder"), missing.err);
	}
}
