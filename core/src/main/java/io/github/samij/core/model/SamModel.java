package io.github.samij.core.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import io.github.samij.core.Progress;
import io.github.samij.core.SamException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A loaded, checked SAM model: an encoder session and a decoder session whose graph exposes all
 * four masks and IoUs. {@link #load} checks everything a broken or foreign model could get wrong
 * and fails with a {@link SamException} naming the file, what was expected and what was found.
 * <p>
 * Thread-safety: {@link #encode} and {@link #decode} may run concurrently from any threads
 * (ONNX Runtime sessions are thread-safe); {@link #close} waits for runs in flight, since closing
 * a session during a run crashes the JVM, and later runs fail with a clear message.
 */
public final class SamModel implements AutoCloseable {

	/** The official SAM decoder export's inputs, in no particular order. */
	static final List<String> DECODER_INPUTS = List.of("image_embeddings", "point_coords", "point_labels", "mask_input",
		"has_mask_input", "orig_im_size");

	private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

	private final Path directory;
	private final ModelDescriptor descriptor;
	private final String inferred;
	private final OrtSession encoder;
	private final OrtSession decoder;
	private final String lowResMasks;
	private final String iouPredictions;
	private final ReadWriteLock lock = new ReentrantReadWriteLock();
	private final SessionSettings settings;
	private final AtomicLong encoderRuns = new AtomicLong();
	private final AtomicLong encoderNanos = new AtomicLong();
	private final AtomicLong decoderRuns = new AtomicLong();
	private final AtomicLong decoderNanos = new AtomicLong();
	private final ConcurrentLinkedQueue<DecoderBuffers> decoderBuffers = new ConcurrentLinkedQueue<>();
	private boolean closed;

	private SamModel(Path directory, ModelDescriptor descriptor, String inferred, OrtSession encoder,
		OrtSession decoder, DecoderGraph graph, SessionSettings settings)
	{
		this.directory = directory;
		this.settings = settings;
		this.descriptor = descriptor;
		this.inferred = inferred;
		this.encoder = encoder;
		this.decoder = decoder;
		this.lowResMasks = graph.lowResMasks();
		this.iouPredictions = graph.iouPredictions();
	}

	/** The default model, fetched first if needed (see {@link DefaultModel}). */
	public static SamModel loadDefault(Progress progress) {
		return loadDefault(progress, SessionSettings.DEFAULT);
	}

	/** The default model with the given ONNX Runtime session settings. */
	public static SamModel loadDefault(Progress progress, SessionSettings settings) {
		return load(DefaultModel.inCache().ensure(progress), settings);
	}

	/**
	 * Loads and checks the model in {@code directory}: from its {@value ModelDescriptor#FILE_NAME}
	 * if there is one, otherwise inferred from the ONNX files' signatures (see {@link #inferred()}).
	 *
	 * @throws SamException for a missing folder or file, a checksum mismatch, a corrupt file, wrong
	 *           tensor names or shapes, or a model family that is not supported yet
	 */
	public static SamModel load(Path directory) {
		return load(directory, SessionSettings.DEFAULT);
	}

	/** {@link #load(Path)} with the given ONNX Runtime session settings (threads, optimisation, ...). */
	public static SamModel load(Path directory, SessionSettings settings) {
		if (!Files.isDirectory(directory))
			throw new SamException("Model folder " + directory + " does not exist; give a folder with a SAM encoder and "
				+ "decoder (.onnx), or leave the model empty to use the default model (README, section Models).");
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
		if (!ModelDescriptor.FAMILY_SAM1.equals(d.family))
			throw new SamException("Model family '" + d.family + "' in " + descriptorFile + " is not supported yet; this "
				+ "version runs SAM 1 family models (SAM, MobileSAM, micro-sam): family \"sam1\".");
		Path encoderFile = existing(directory, d.encoder.file, "encoder");
		Path decoderFile = existing(directory, d.decoder.file, "decoder");
		OrtSession encoder = null;
		try {
			verify(encoderFile, d.encoder.sha256, Sha256.of(encoderFile));
			encoder = session(encoderFile, Files.readAllBytes(encoderFile), settings);
			checkEncoder(Signature.of(encoderFile.toString(), encoder), d);
			byte[] decoderBytes = Files.readAllBytes(decoderFile);
			verify(decoderFile, d.decoder.sha256, Sha256.of(decoderBytes));
			DecoderGraph graph = exposeMasks(decoderFile, decoderBytes);
			// A single-mask export whose four masks are already outputs needs no rewriting either,
			// so only the contradiction "multi" + selection pattern is an error.
			if ("multi".equals(d.decoder.masks) && graph.rewritten())
				throw new SamException("Decoder " + decoderFile + " is a single-mask export, but " + ModelDescriptor.FILE_NAME
					+ " says \"masks\": \"multi\"; correct the descriptor.");
			OrtSession decoder = session(decoderFile, graph.bytes(), settings);
			try {
				checkDecoder(Signature.of(decoderFile.toString(), decoder), graph);
			}
			catch (RuntimeException e) {
				decoder.close();
				throw e;
			}
			return new SamModel(directory, d, inferred, encoder, decoder, graph, settings);
		}
		catch (IOException e) {
			closeQuietly(encoder);
			throw new SamException("Cannot read the model in " + directory + ": " + e.getMessage());
		}
		catch (OrtException | RuntimeException e) {
			closeQuietly(encoder);
			if (e instanceof SamException) throw (SamException) e;
			throw new SamException("Cannot load the model in " + directory + ": " + e.getMessage(), e);
		}
	}

	private static Path existing(Path directory, String file, String role) {
		Path path = directory.resolve(file);
		if (Files.isRegularFile(path)) return path;
		throw new SamException("Model folder " + directory + " has no " + role + " file '" + file + "'" + " (found: "
			+ ModelInference.onnxFileNames(directory) + "); restore the file, or point the descriptor at the right one.");
	}

	private static void verify(Path file, String expected, String actual) {
		if (expected != null && !expected.equalsIgnoreCase(actual))
			throw new SamException("Checksum mismatch for " + file + ": expected SHA-256 " + expected + ", found " + actual
				+ "; the file is damaged or was replaced. Delete the model folder to download it again, or fix "
				+ ModelDescriptor.FILE_NAME + ".");
	}

	/** A session over {@code bytes}, with a clear message when the file is not a loadable ONNX model. */
	static OrtSession session(Path file, byte[] bytes) {
		return session(file, bytes, SessionSettings.DEFAULT);
	}

	private static OrtSession session(Path file, byte[] bytes, SessionSettings settings) {
		try (OrtSession.SessionOptions options = settings.toOptions()) {
			return ENV.createSession(bytes, options);
		}
		catch (OrtException e) {
			throw new SamException("File " + file + " is not a valid ONNX model (ONNX Runtime: " + firstLine(e.getMessage())
				+ "); download or export it again.");
		}
	}

	private static void checkEncoder(Signature s, ModelDescriptor d) {
		ModelInference.rejectOtherFamilies(s);
		long[] in = s.inputs.get(d.encoder.input), out = s.outputs.get(d.encoder.output);
		boolean inputFits = d.encoder.preprocessingInGraph ? Signature.fits(in, -1, -1, 3)
			: Signature.fits(in, -1, 3, 1024, 1024);
		if (!inputFits || !Signature.fits(out, -1, 256, 64, 64))
			throw new SamException("Encoder " + s.file + " does not match the descriptor: expected input '" + d.encoder.input
				+ "' " + (d.encoder.preprocessingInGraph ? "[H, W, 3]" : "[1, 3, 1024, 1024]") + " and output '"
				+ d.encoder.output + "' [1, 256, 64, 64]; found " + s.describe() + ".");
	}

	private static DecoderGraph exposeMasks(Path file, byte[] bytes) {
		try {
			return DecoderGraph.expose(bytes, file.toString());
		}
		catch (SamException e) {
			// Say what the file is when it is a model we recognise but do not run yet.
			Signature s;
			try (OrtSession raw = session(file, bytes)) {
				s = Signature.of(file.toString(), raw);
			}
			catch (OrtException | SamException ignored) {
				throw e;
			}
			ModelInference.rejectOtherFamilies(s);
			throw e;
		}
	}

	private static void checkDecoder(Signature s, DecoderGraph graph) {
		List<String> missing = DECODER_INPUTS.stream().filter(n -> !s.inputs.containsKey(n)).collect(Collectors.toList());
		if (!missing.isEmpty() || !Signature.fits(s.inputs.get("image_embeddings"), 1, 256, 64, 64)
			|| !Signature.fits(s.outputs.get(graph.lowResMasks()), 1, 4, 256, 256)
			|| !Signature.fits(s.outputs.get(graph.iouPredictions()), 1, 4))
			throw new SamException("Decoder " + s.file + " is not an official SAM decoder export: expected inputs "
				+ DECODER_INPUTS + " with image_embeddings [1, 256, 64, 64], and four masks [1, 4, 256, 256] and IoUs "
				+ "[1, 4]; found " + s.describe() + ".");
	}

	/** The model folder. */
	public Path directory() {
		return directory;
	}

	/** The descriptor read from the folder, or inferred. Do not modify. */
	public ModelDescriptor descriptor() {
		return descriptor;
	}

	/** What was inferred for a folder without descriptor, or {@code null} when it had one. */
	public String inferred() {
		return inferred;
	}

	/** {@code true} when the encoder takes the resized RGB image and normalises in its graph. */
	public boolean preprocessingInGraph() {
		return descriptor.encoder.preprocessingInGraph;
	}

	/** The ONNX Runtime session settings both sessions were created with. */
	public SessionSettings settings() {
		return settings;
	}

	/** How many times the encoder ran (for cache tests and benchmarks). */
	public long encoderRuns() {
		return encoderRuns.get();
	}

	/** Nanoseconds spent inside the encoder's {@code session.run}, summed over all runs (for benchmarks). */
	public long encoderRunNanos() {
		return encoderNanos.get();
	}

	/** How many times the decoder ran. */
	public long decoderRuns() {
		return decoderRuns.get();
	}

	/** Nanoseconds spent inside the decoder's {@code session.run}, summed over all runs (for benchmarks). */
	public long decoderRunNanos() {
		return decoderNanos.get();
	}

	/**
	 * Runs the encoder on a preprocessed image and returns the embedding [1, 256, 64, 64] in a new
	 * direct buffer, written by ONNX Runtime in place (no copy).
	 */
	public FloatBuffer encode(FloatBuffer input, long[] shape) {
		return encode(input, shape, newEmbeddingBuffer());
	}

	/** A new direct buffer for one embedding [1, 256, 64, 64]. */
	public static FloatBuffer newEmbeddingBuffer() {
		return ByteBuffer.allocateDirect(256 * 64 * 64 * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
	}

	/**
	 * {@link #encode(FloatBuffer, long[])} into {@code embedding}, a buffer from
	 * {@link #newEmbeddingBuffer()} (which a caller may allocate ahead, e.g. while preprocessing:
	 * fresh native memory is slow to page in on some machines).
	 */
	public FloatBuffer encode(FloatBuffer input, long[] shape, FloatBuffer embedding) {
		lock.readLock().lock();
		try {
			checkOpen();
			try (OnnxTensor in = OnnxTensor.createTensor(ENV, input, shape);
				OnnxTensor out = OnnxTensor.createTensor(ENV, embedding, new long[] { 1, 256, 64, 64 }))
			{
				long start = System.nanoTime();
				OrtSession.Result pinned = encoder.run(Map.of(descriptor.encoder.input, in),
					Map.of(descriptor.encoder.output, out));
				encoderNanos.addAndGet(System.nanoTime() - start);
				encoderRuns.incrementAndGet();
				pinned.close(); // the output was written into the embedding buffer itself
			}
			return embedding;
		}
		catch (OrtException e) {
			throw new SamException("The SAM encoder failed: " + firstLine(e.getMessage()), e);
		}
		finally {
			lock.readLock().unlock();
		}
	}

	/** The four low-res masks [4 × 256 × 256] and four IoUs of one decoder run. */
	public static final class DecoderOutput {
		public final float[] lowResMasks;
		public final float[] iou;

		DecoderOutput(float[] lowResMasks, float[] iou) {
			this.lowResMasks = lowResMasks;
			this.iou = iou;
		}
	}

	/**
	 * Runs the decoder with the official export's inputs (see {@link #DECODER_INPUTS}) and returns
	 * all four masks and IoUs. The caller keeps ownership of the tensors.
	 */
	public DecoderOutput decode(Map<String, OnnxTensor> inputs) {
		// ONNX Runtime writes the outputs straight into reused native buffers (pinned outputs):
		// no fresh native memory per prompt, and one copy into the Java arrays instead of two.
		DecoderBuffers b = decoderBuffers.poll();
		if (b == null) b = new DecoderBuffers();
		lock.readLock().lock();
		try {
			checkOpen();
			try (OnnxTensor masks = OnnxTensor.createTensor(ENV, b.masks.rewind(), new long[] { 1, 4, 256, 256 });
				OnnxTensor ious = OnnxTensor.createTensor(ENV, b.ious.rewind(), new long[] { 1, 4 }))
			{
				long start = System.nanoTime();
				OrtSession.Result pinned = decoder.run(inputs, Map.of(lowResMasks, masks, iouPredictions, ious));
				decoderNanos.addAndGet(System.nanoTime() - start);
				decoderRuns.incrementAndGet();
				pinned.close();
			}
			float[] m = new float[4 * 256 * 256], iou = new float[4];
			b.masks.rewind().get(m);
			b.ious.rewind().get(iou);
			return new DecoderOutput(m, iou);
		}
		catch (OrtException e) {
			throw new SamException("The SAM decoder failed: " + firstLine(e.getMessage()), e);
		}
		finally {
			lock.readLock().unlock();
			if (decoderBuffers.size() < 4) decoderBuffers.offer(b);
		}
	}

	/** Native output buffers of one decoder run, reused across runs. */
	private static final class DecoderBuffers {
		final FloatBuffer masks = ByteBuffer.allocateDirect(4 * 256 * 256 * Float.BYTES).order(ByteOrder.nativeOrder())
			.asFloatBuffer();
		final FloatBuffer ious = ByteBuffer.allocateDirect(4 * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
	}

	/** The ONNX Runtime environment the sessions live in (one per JVM). */
	public static OrtEnvironment environment() {
		return ENV;
	}

	private void checkOpen() {
		if (closed) throw new SamException("The SAM model was closed; load it again.");
	}

	/** Releases both sessions, after any run in flight has finished. */
	@Override
	public void close() {
		lock.writeLock().lock();
		try {
			if (closed) return;
			closed = true;
			closeQuietly(encoder);
			closeQuietly(decoder);
		}
		finally {
			lock.writeLock().unlock();
		}
	}

	private static void closeQuietly(OrtSession session) {
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
			return files.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".onnx"))
				.sorted().collect(Collectors.toCollection(ArrayList::new));
		}
		catch (IOException e) {
			throw new SamException("Cannot list model folder " + directory + ": " + e.getMessage());
		}
	}
}
