package io.github.samij.core.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import io.github.samij.core.SamException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads a model folder into a {@link SamModel} and checks everything a broken or foreign model
 * could get wrong: the folder and files, the checksums, that each file is an ONNX model, the
 * encoder's and decoder's tensors, and the decoder's four masks (exposed by {@link DecoderGraph}
 * when the export selects one). Each failure is one {@link SamException} naming the file, what was
 * expected and what was found. Stateless and thread-safe.
 */
final class ModelLoader {

	/** One environment per JVM: ONNX Runtime refuses a second one. */
	static final OrtEnvironment ENV = environment();

	private ModelLoader() { }

	static SamModel load(Path directory, SessionSettings settings) {
		if (Files.isRegularFile(directory))
			throw new SamException("Model " + directory + " is a file; give the folder that holds the SAM encoder and decoder "
				+ "(.onnx), or leave the model empty to use the default model (README, section Models).");
		if (!Files.isDirectory(directory))
			throw new SamException("Model folder " + directory + " does not exist; give a folder with a SAM encoder and "
				+ "decoder, a known model's name (" + KnownModel.names() + "), or leave the model empty to use the default "
				+ "model (README, section Models).");
		Path descriptorFile = directory.resolve(ModelDescriptor.FILE_NAME);
		ModelDescriptor d;
		String inferred = null;
		if (Files.isRegularFile(descriptorFile)) {
			d = ModelDescriptor.read(descriptorFile);
		}
		else {
			d = ModelInference.infer(directory);
			inferred = ModelInference.summary(directory, d);
		}
		ModelFamily family = ModelFamily.of(d.family);
		if (family == null)
			throw new SamException("Model family '" + d.family + "' in " + descriptorFile + " is not supported; SAM-IJ runs "
				+ "family \"sam1\" (SAM, MobileSAM, micro-sam) and family \"sam2\" (SAM 2).");
		Path encoderFile = existing(directory, d.encoder.file, "encoder");
		Path decoderFile = existing(directory, d.decoder.file, "decoder");
		if (settings.device() == Device.CPU) return sessions(directory, d, family, inferred, encoderFile, decoderFile, settings, null);
		String missing = Device.cudaMissing();
		SessionSettings cpu = settings.withDevice(Device.CPU);
		if (missing != null)
			return sessions(directory, d, family, inferred, encoderFile, decoderFile, cpu, "CUDA not used: " + missing
				+ "; running on the CPU.");
		try {
			return sessions(directory, d, family, inferred, encoderFile, decoderFile, settings, null);
		}
		catch (SamException e) {
			// No GPU, or no driver: a broken model fails again on the CPU with its own message.
			return sessions(directory, d, family, inferred, encoderFile, decoderFile, cpu, "CUDA could not start ("
				+ firstLine(e.getMessage()) + "); running on the CPU.");
		}
	}

	/** Both sessions, checked, on the device of {@code settings}. */
	private static SamModel sessions(Path directory, ModelDescriptor d, ModelFamily family, String inferred,
		Path encoderFile, Path decoderFile, SessionSettings settings, String deviceNote)
	{
		// The two halves load in parallel (session creation is mostly one thread's work); the
		// encoder's error, if any, is the one reported, as when they loaded one after the other.
		CompletableFuture<OrtSession> encoderLoad = CompletableFuture.supplyAsync(
			() -> encoder(directory, encoderFile, d, family, settings), ModelLoader::inNewThread);
		Decoder decoder = null;
		RuntimeException decoderError = null;
		try {
			decoder = decoder(directory, decoderFile, d, family, settings);
		}
		catch (RuntimeException e) {
			decoderError = e;
		}
		OrtSession encoder;
		try {
			encoder = encoderLoad.join();
		}
		catch (CompletionException e) {
			if (decoder != null) closeQuietly(decoder.session);
			throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
		}
		if (decoderError != null) {
			closeQuietly(encoder);
			throw decoderError;
		}
		return new SamModel(directory, d, family, inferred, encoder, decoder.session, decoder.lowResMasks, decoder.iouPredictions,
			settings, deviceNote);
	}

	/** The checked encoder session. */
	private static OrtSession encoder(Path directory, Path file, ModelDescriptor d, ModelFamily family,
		SessionSettings settings)
	{
		OrtSession session = verifiedSession(directory, file, d.encoder.sha256, settings);
		try {
			SignatureChecks.encoder(Signature.of(file.toString(), session), d, family);
			return session;
		}
		catch (OrtException | RuntimeException e) {
			closeQuietly(session);
			throw loadError(directory, e);
		}
	}

	/** A decoder session with its four masks' output names. */
	private static final class Decoder {
		final OrtSession session;
		final String lowResMasks;
		final String iouPredictions;

		Decoder(OrtSession session, String lowResMasks, String iouPredictions) {
			this.session = session;
			this.lowResMasks = lowResMasks;
			this.iouPredictions = iouPredictions;
		}
	}

	/**
	 * The checked decoder session exposing all four masks: from the graph kept in {@link DecoderCache}
	 * when the decoder is unchanged since it was verified, else exposed now (and kept).
	 */
	private static Decoder decoder(Path directory, Path file, ModelDescriptor d, ModelFamily family,
		SessionSettings settings)
	{
		String sha = d.decoder.sha256;
		DecoderCache.Entry kept = sha != null && VerifiedFiles.known(file, sha) ? DecoderCache.find(sha) : null;
		OrtSession session;
		String masks, ious;
		boolean rewritten;
		if (kept != null) {
			// Found only for a decoder unchanged since it was verified: no check again.
			session = session(kept.graph != null ? kept.graph : file, settings);
			masks = kept.lowResMasks;
			ious = kept.iouPredictions;
			rewritten = kept.rewritten;
		}
		else {
			byte[] bytes = read(directory, file);
			verify(file, sha, bytes);
			DecoderGraph graph = exposeMasks(file, bytes, family);
			if (sha != null) DecoderCache.keep(sha, graph);
			session = session(file, graph.bytes(), settings);
			masks = graph.lowResMasks();
			ious = graph.iouPredictions();
			rewritten = graph.rewritten();
		}
		try {
			// A single-mask export whose four masks are already outputs needs no rewriting either,
			// so only the contradiction "multi" + selection pattern is an error.
			if ("multi".equals(d.decoder.masks) && rewritten)
				throw new SamException("Decoder " + file + " is a single-mask export, but " + ModelDescriptor.FILE_NAME
					+ " says \"masks\": \"multi\"; correct the descriptor.");
			SignatureChecks.decoder(Signature.of(file.toString(), session), family, masks, ious);
			return new Decoder(session, masks, ious);
		}
		catch (OrtException | RuntimeException e) {
			closeQuietly(session);
			throw loadError(directory, e);
		}
	}

	/**
	 * A session over the model file, checked against its digest: straight from the file when it is
	 * unchanged since it was verified ({@link VerifiedFiles}), else from its bytes once they match.
	 */
	private static OrtSession verifiedSession(Path directory, Path file, String sha, SessionSettings settings) {
		if (sha != null && VerifiedFiles.known(file, sha)) return session(file, settings);
		byte[] bytes = read(directory, file);
		verify(file, sha, bytes);
		return session(file, bytes, settings);
	}

	private static byte[] read(Path directory, Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException e) {
			throw new SamException("Cannot read the model in " + directory + ": " + e.getMessage());
		}
	}

	private static SamException loadError(Path directory, Exception e) {
		if (e instanceof SamException) return (SamException) e;
		return new SamException("Cannot load the model in " + directory + ": " + e.getMessage(), e);
	}

	private static void inNewThread(Runnable task) {
		Thread t = new Thread(task, "SAM-IJ encoder load");
		t.setDaemon(true);
		t.start();
	}

	private static OrtEnvironment environment() {
		NativeLibraries.useCachedCopy();
		return OrtEnvironment.getEnvironment();
	}

	private static Path existing(Path directory, String file, String role) {
		Path path = directory.resolve(file);
		if (Files.isRegularFile(path)) return path;
		throw new DamagedModel("Model folder " + directory + " has no " + role + " file '" + file + "'" + " (found: "
			+ ModelInference.onnxFileNames(directory) + "); restore the file, or point the descriptor at the right one.");
	}

	/** Checks the file's digest, unless it was found right before and has not changed since ({@link VerifiedFiles}). */
	private static void verify(Path file, String expected, byte[] bytes) {
		if (expected == null || VerifiedFiles.known(file, expected)) return;
		String actual = Sha256.of(bytes);
		if (expected.equalsIgnoreCase(actual)) {
			VerifiedFiles.remember(file, actual);
			return;
		}
		throw new DamagedModel("Checksum mismatch for " + file + ": expected SHA-256 " + expected + ", found " + actual
			+ "; the file is damaged or was replaced. Restore it, or fix " + ModelDescriptor.FILE_NAME + ".");
	}

	/** A session over {@code bytes} with the default settings, for inspecting a file. */
	static OrtSession session(Path file, byte[] bytes) {
		return session(file, bytes, SessionSettings.DEFAULT);
	}

	/** A session over {@code bytes}, with a clear message when the file is not a loadable ONNX model. */
	private static OrtSession session(Path file, byte[] bytes, SessionSettings settings) {
		try (OrtSession.SessionOptions options = settings.toOptions()) {
			return ENV.createSession(bytes, options);
		}
		catch (OrtException e) {
			throw notOnnx(file, e);
		}
	}

	/** A session straight from the file (ONNX Runtime reads it; no copy in the Java heap). */
	private static OrtSession session(Path file, SessionSettings settings) {
		try (OrtSession.SessionOptions options = settings.toOptions()) {
			return ENV.createSession(file.toString(), options);
		}
		catch (OrtException e) {
			throw notOnnx(file, e);
		}
	}

	private static SamException notOnnx(Path file, OrtException e) {
		return new SamException("File " + file + " is not a valid ONNX model (ONNX Runtime: " + firstLine(e.getMessage())
			+ "); download or export it again.");
	}

	private static DecoderGraph exposeMasks(Path file, byte[] bytes, ModelFamily family) {
		try {
			return DecoderGraph.expose(bytes, file.toString());
		}
		catch (SamException e) {
			// Say what the file is when it is a model we recognise: another family, or one we do not run.
			Signature s;
			try (OrtSession raw = session(file, bytes)) {
				s = Signature.of(file.toString(), raw);
			}
			catch (OrtException | SamException ignored) {
				throw e;
			}
			SignatureChecks.rejectUnsupported(s);
			SignatureChecks.mismatch(s, "Decoder", family);
			throw e;
		}
	}

	static void closeQuietly(OrtSession session) {
		if (session == null) return;
		try {
			session.close();
		}
		catch (OrtException e) {
			// Nothing the user can do; the native memory goes with the process.
		}
	}

	static String firstLine(String message) {
		if (message == null) return "no details";
		int nl = message.indexOf('\n');
		return (nl < 0 ? message : message.substring(0, nl)).trim();
	}

	static List<Path> onnxFiles(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(p -> {
				String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
				return name.endsWith(".onnx") || name.endsWith(".ort"); // .ort: ONNX Runtime's own format
			})
				.sorted().collect(Collectors.toCollection(ArrayList::new));
		}
		catch (IOException e) {
			throw new SamException("Cannot list model folder " + directory + ": " + e.getMessage());
		}
	}
}
