package io.github.samij.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.onnxruntime.OrtEnvironment;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime's native libraries are unpacked from its real jar once, byte for byte, and reused;
 * a file of the wrong size (an interrupted copy) is written again; another jar gets its own folder.
 */
class NativeLibrariesTest {

	@TempDir
	Path tmp;

	private static Path onnxRuntimeJar() throws Exception {
		return Paths.get(OrtEnvironment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
	}

	@Test
	void theLibrariesAreUnpackedOnceByteForByte() throws Exception {
		Path jar = onnxRuntimeJar();
		String prefix = "ai/onnxruntime/native/" + NativeLibraries.platform() + "/";
		Path folder = NativeLibraries.unpack(jar, prefix, tmp);
		int files = 0;
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			for (ZipEntry e : java.util.Collections.list(zip.entries())) {
				if (e.isDirectory() || !e.getName().startsWith(prefix)) continue;
				files++;
				try (InputStream in = zip.getInputStream(e)) {
					assertArrayEquals(in.readAllBytes(), Files.readAllBytes(folder.resolve(e.getName().substring(prefix.length()))),
						e.getName());
				}
			}
		}
		assertEquals(files, Files.list(folder).count(), "the platform's libraries and nothing else");

		Path library = Files.list(folder).sorted().findFirst().get();
		FileTime written = FileTime.fromMillis(1_000_000_000_000L);
		Files.setLastModifiedTime(library, written);
		assertEquals(folder, NativeLibraries.unpack(jar, prefix, tmp));
		assertEquals(written, Files.getLastModifiedTime(library), "an unpacked library is not written again");

		byte[] whole = Files.readAllBytes(library);
		Files.write(library, java.util.Arrays.copyOf(whole, whole.length / 3));
		NativeLibraries.unpack(jar, prefix, tmp);
		assertArrayEquals(whole, Files.readAllBytes(library), "a truncated library is written again");
	}

	@Test
	void anotherJarGetsItsOwnFolderAndAJarWithoutLibrariesNone() throws Exception {
		Path jar = onnxRuntimeJar();
		String prefix = "ai/onnxruntime/native/" + NativeLibraries.platform() + "/";
		Path other = tmp.resolve("other.jar");
		try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(other))) {
			out.putNextEntry(new ZipEntry(prefix + "libonnxruntime.so"));
			out.write(new byte[] { 1, 2, 3 });
			out.closeEntry();
		}
		assertNotEquals(NativeLibraries.unpack(jar, prefix, tmp), NativeLibraries.unpack(other, prefix, tmp));
		assertNull(NativeLibraries.unpack(other, "ai/onnxruntime/native/none-x64/", tmp));
	}

	@Test
	void thePlatformIsNamedAsOnnxRuntimeNamesIt() {
		String[][] cases = { { "Linux", "amd64", "linux-x64" }, { "Mac OS X", "aarch64", "osx-aarch64" },
			{ "Windows 11", "amd64", "win-x64" }, { "Linux", "ppc64le", null }, { "SunOS", "amd64", null } };
		for (String[] c : cases) assertEquals(c[2], NativeLibraries.platform(c[0], c[1]), c[0] + " " + c[1]);
	}
}
