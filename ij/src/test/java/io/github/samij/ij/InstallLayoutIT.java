package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.cli.Installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * The install layout the package phase builds: one plugin jar whose every class is SAM-IJ's own or
 * relocated under {@code io.github.samij.shaded} (so nothing clashes with the gson and protobuf
 * Fiji ships), with its plugins.config and SciJava plugin index; ONNX Runtime alone in jars/; only
 * SciJava's artifacts for a plain ImageJ. ImageJAppIT runs a real ImageJ from this layout.
 */
class InstallLayoutIT {

	private static final Path LAYOUT = Paths.get(System.getProperty("samij.it.layout", "target/install"));

	private static List<String> files(String folder) throws IOException {
		try (Stream<Path> s = Files.list(LAYOUT.resolve(folder))) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	@Test
	void thePluginJarHoldsOnlyItsOwnOrRelocatedClasses() throws IOException {
		List<String> plugins = files(Installer.PLUGINS);
		assertEquals(1, plugins.size(), plugins.toString());
		assertTrue(plugins.get(0).matches("sam_ij-.+\\.jar"), "an underscore, so ImageJ reads plugins.config: " + plugins);
		List<String> foreign = new ArrayList<>();
		boolean gson = false, protobuf = false, config = false, index = false;
		try (ZipFile jar = new ZipFile(LAYOUT.resolve(Installer.PLUGINS).resolve(plugins.get(0)).toFile())) {
			for (ZipEntry e : java.util.Collections.list(jar.entries())) {
				String n = e.getName();
				if (n.endsWith(".class") && !n.startsWith("io/github/samij/")) foreign.add(n);
				gson |= n.startsWith("io/github/samij/shaded/gson/");
				protobuf |= n.startsWith("io/github/samij/shaded/protobuf/");
				config |= n.equals("plugins.config");
				index |= n.equals("META-INF/json/org.scijava.plugin.Plugin");
			}
		}
		assertEquals(List.of(), foreign, "classes outside io.github.samij (unrelocated third-party code)");
		assertTrue(gson && protobuf, "gson and protobuf inside, relocated");
		assertTrue(config && index, "ImageJ's plugins.config and SciJava's plugin index");
	}

	@Test
	void besideItOnlyWhatFijiLacksAndWhatPlainImageJLacks() throws IOException {
		List<String> jars = files(Installer.JARS);
		assertEquals(1, jars.size(), jars.toString());
		assertTrue(jars.get(0).startsWith("onnxruntime-"), jars.toString());
		List<String> imagej1 = files(Installer.IMAGEJ1);
		assertEquals(2, imagej1.size(), imagej1.toString());
		assertTrue(imagej1.get(0).startsWith("parsington-") && imagej1.get(1).startsWith("scijava-common-"), imagej1.toString());
	}
}
