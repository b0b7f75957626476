package io.github.samij.core.model;

import ai.onnxruntime.OrtEnvironment;

import io.github.samij.core.batch.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * ONNX Runtime's native libraries, unpacked once into the cache ({@code <cache>/native/<key>/})
 * instead of into a fresh temporary folder on every start, which is what ONNX Runtime's Java
 * binding does by itself: copying its 28 MB was a tenth of a command-line run. The folder's key
 * is derived from the jar's entries (names, sizes, CRCs), so another ONNX Runtime jar (a new
 * release, the GPU build) gets its own folder; a file of the wrong size is written again, and each
 * file is written whole or not at all ({@link AtomicFiles}).
 * <p>
 * Best effort: when the jar cannot be read, the platform is not one ONNX Runtime ships, or the
 * cache cannot be written, nothing is set and ONNX Runtime unpacks as it always does. A path the
 * user set ({@value #PATH_PROPERTY}) is left alone. Thread-safe; call before ONNX Runtime's first use.
 */
final class NativeLibraries {

	/** ONNX Runtime's own property: the folder to load its native libraries from. */
	static final String PATH_PROPERTY = "onnxruntime.native.path";

	private static final String PREFIX = "ai/onnxruntime/native/";

	private NativeLibraries() { }

	/** Points ONNX Runtime at the cached copy of its libraries, unpacking them first if needed. */
	static synchronized void useCachedCopy() {
		if (System.getProperty(PATH_PROPERTY) != null) return;
		try {
			Path jar = onnxRuntimeJar();
			String platform = platform();
			if (jar == null || platform == null) return;
			Path folder = unpack(jar, PREFIX + platform + "/", ManagedModel.cacheRoot().resolve("native"));
			if (folder != null) System.setProperty(PATH_PROPERTY, folder.toString());
		}
		catch (IOException | RuntimeException e) {
			// ONNX Runtime unpacks into a temporary folder itself: slower, but it works.
		}
	}

	/**
	 * Unpacks the jar's entries under {@code prefix} into a folder of {@code root} named after
	 * them; the folder, or null when the jar has no such entries.
	 */
	static Path unpack(Path jar, String prefix, Path root) throws IOException {
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			List<ZipEntry> entries = new ArrayList<>();
			long key = 17;
			for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
				ZipEntry entry = e.nextElement();
				if (entry.isDirectory() || !entry.getName().startsWith(prefix)
					|| entry.getName().indexOf('/', prefix.length()) >= 0) continue;
				entries.add(entry);
				key = 31 * (31 * (31 * key + entry.getName().hashCode()) + entry.getSize()) + entry.getCrc();
			}
			if (entries.isEmpty()) return null;
			String platform = prefix.substring(PREFIX.length()).replace("/", "");
			Path folder = root.resolve("onnxruntime-" + platform + "-" + Long.toHexString(key));
			Files.createDirectories(folder);
			for (ZipEntry entry : entries) {
				Path file = folder.resolve(entry.getName().substring(prefix.length()));
				if (Files.isRegularFile(file) && Files.size(file) == entry.getSize()) continue;
				AtomicFiles.write(file, out -> {
					try (InputStream in = zip.getInputStream(entry)) {
						in.transferTo(out);
					}
				});
			}
			return folder;
		}
	}

	/** The jar holding ONNX Runtime's classes (and libraries), or null when they are not in a jar file. */
	private static Path onnxRuntimeJar() {
		// A class literal does not initialise the class, so ONNX Runtime has not loaded anything yet.
		CodeSource source = OrtEnvironment.class.getProtectionDomain().getCodeSource();
		if (source == null || source.getLocation() == null) return null;
		try {
			Path path = Paths.get(source.getLocation().toURI());
			return Files.isRegularFile(path) ? path : null;
		}
		catch (URISyntaxException | IllegalArgumentException e) {
			return null;
		}
	}

	/** This system's platform folder in ONNX Runtime's jar, or null. */
	static String platform() {
		return platform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
	}

	/** The platform folder name ONNX Runtime's jar uses ("linux-x64", "osx-aarch64", ...), or null for others. */
	static String platform(String osName, String osArch) {
		String os = osName.toLowerCase(Locale.ROOT), arch = osArch.toLowerCase(Locale.ROOT);
		String o = os.contains("mac") || os.contains("darwin") ? "osx" : os.contains("win") ? "win"
			: os.contains("nux") ? "linux" : null;
		String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") || arch.equals("arm64")
			? "aarch64" : null;
		return o == null || a == null ? null : o + "-" + a;
	}
}
