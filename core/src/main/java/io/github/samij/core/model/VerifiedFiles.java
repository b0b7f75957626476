package io.github.samij.core.model;

import io.github.samij.core.batch.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;

/**
 * Remembers which model files were found to match their SHA-256, with their size and modification
 * time, in {@code <cache>/verified.properties}: a file whose size and time are unchanged is not hashed
 * again on the next load (45 MB of hashing was a fifth of a command-line run); any change to either
 * means a full check. Best effort: a cache that cannot be read or written only means hashing.
 * Thread-safe: the file is rewritten whole (the last writer wins, and every entry it holds is true).
 */
final class VerifiedFiles {

	static final String FILE_NAME = "verified.properties";

	private VerifiedFiles() { }

	/** Whether {@code file}, as it is now, was found to have the digest {@code sha256}. */
	static boolean known(Path file, String sha256) {
		String stamp = stamp(file, sha256);
		return stamp != null && stamp.equals(read().getProperty(key(file)));
	}

	/** Notes that {@code file}, as it is now, has the digest {@code sha256}. */
	static synchronized void remember(Path file, String sha256) {
		String stamp = stamp(file, sha256);
		if (stamp == null) return;
		Properties p = read();
		// Entries of files that are gone (a deleted model, a test's temporary folder) would only pile up.
		for (String key : p.stringPropertyNames())
			if (!Files.exists(Paths.get(key))) p.remove(key);
		p.setProperty(key(file), stamp);
		try {
			Path store = store();
			Files.createDirectories(store.getParent());
			AtomicFiles.write(store, out -> p.store(out, "SAM-IJ: model files found to match their SHA-256"));
		}
		catch (IOException | RuntimeException e) {
			// Best effort: the next load hashes again.
		}
	}

	private static Properties read() {
		Properties p = new Properties();
		Path store = store();
		if (!Files.isRegularFile(store)) return p;
		try (InputStream in = Files.newInputStream(store)) {
			p.load(in);
		}
		catch (IOException | RuntimeException e) {
			return new Properties();
		}
		return p;
	}

	private static String stamp(Path file, String sha256) {
		try {
			return Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis() + " " + sha256.toLowerCase(java.util.Locale.ROOT);
		}
		catch (IOException e) {
			return null;
		}
	}

	private static String key(Path file) {
		return file.toAbsolutePath().normalize().toString();
	}

	private static Path store() {
		return ManagedModel.cacheRoot().resolve(FILE_NAME);
	}
}
