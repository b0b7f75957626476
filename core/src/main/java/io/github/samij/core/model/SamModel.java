package io.github.samij.core.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import io.github.samij.core.Progress;
import io.github.samij.core.SamException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A loaded, checked SAM model of either {@link ModelFamily}: an encoder session and a decoder
 * session whose graph exposes all four masks and IoUs. {@link #load} ({@link ModelLoader}) checks the folder; this class runs the
 * two halves. ONNX Runtime's types stay inside this package: the encoder takes and fills plain
 * buffers, the decoder takes a {@link DecoderInput} and returns a {@link DecoderOutput}.
 * <p>
 * Thread-safety: {@link #encode} and {@link #decode} may run concurrently from any threads
 * (ONNX Runtime sessions are thread-safe); {@link #close} waits for runs in flight, since closing
 * a session during a run crashes the JVM, and later runs fail with a clear message.
 */
public final class SamModel implements AutoCloseable {

	private static final int LOW_RES = 256;
	private static final FloatBuffer NO_MASK = direct(LOW_RES * LOW_RES);

	private final Path directory;
	private final ModelDescriptor descriptor;
	private final ModelFamily family;
	/** The encoder's output for each of the family's features, in their order. */
	private final String[] encoderOutputs;
	private final String inferred;
	private final String deviceNote;
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

	SamModel(Path directory, ModelDescriptor descriptor, ModelFamily family, String inferred, OrtSession encoder,
		OrtSession decoder, String lowResMasks, String iouPredictions, SessionSettings settings, String deviceNote)
	{
		this.deviceNote = deviceNote;
		this.directory = directory;
		this.settings = settings;
		this.descriptor = descriptor;
		this.family = family;
		this.encoderOutputs = family == ModelFamily.SAM1 ? new String[] { descriptor.encoder.output }
			: family.features.stream().map(f -> f.name).toArray(String[]::new);
		this.inferred = inferred;
		this.encoder = encoder;
		this.decoder = decoder;
		this.lowResMasks = lowResMasks;
		this.iouPredictions = iouPredictions;
	}

	/** The default model, fetched first if needed (see {@link ManagedModel}). */
	public static SamModel loadDefault(Progress progress) {
		return loadDefault(progress, SessionSettings.DEFAULT);
	}

	/** The default model with the given ONNX Runtime session settings. */
	public static SamModel loadDefault(Progress progress, SessionSettings settings) {
		return loadManaged(ManagedModel.inCache(), progress, settings);
	}

	/**
	 * The model a user named: the default when {@code model} is null or blank, a
	 * {@linkplain KnownModel known model} by name (fetched on first use), else a model folder.
	 */
	public static SamModel load(String model, Progress progress, SessionSettings settings) {
		if (model == null || model.isBlank()) return loadDefault(progress, settings);
		KnownModel known = KnownModel.named(model);
		if (known != null) return loadManaged(ManagedModel.inCache(known), progress, settings);
		return load(Paths.get(model.trim()), settings);
	}

	/** A managed model: fetched if absent, fetched again once if damaged. */
	static SamModel loadManaged(ManagedModel model, Progress progress, SessionSettings settings) {
		Path directory = model.ensure(progress);
		try {
			return load(directory, settings);
		}
		catch (DamagedModel e) {
			// The managed copy is ours to replace: one fresh download, said aloud, instead of asking the user to delete folders.
			progress.report("The cached model " + model.known().name + " is damaged (" + e.getMessage()
				+ "); downloading it again", -1);
			model.discard();
			return load(model.ensure(progress), settings);
		}
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
		return ModelLoader.load(directory, settings);
	}

	/** The ONNX Runtime release the sessions run on, e.g. "1.29.0". */
	public static String onnxRuntimeVersion() {
		return ModelLoader.ENV.getVersion();
	}

	/** The model folder. */
	public Path directory() {
		return directory;
	}

	/** The descriptor read from the folder, or inferred. Do not modify. */
	public ModelDescriptor descriptor() {
		return descriptor;
	}

	/** The model's name: the descriptor's, else the folder's path. */
	public String name() {
		return descriptor.name != null ? descriptor.name : directory.toString();
	}

	/** What was inferred for a folder without descriptor, or {@code null} when it had one. */
	public String inferred() {
		return inferred;
	}

	/** The model's family: how it frames images and what its encoder hands its decoder. */
	public ModelFamily family() {
		return family;
	}

	/** {@code true} when the encoder takes the resized RGB image and normalises in its graph. */
	public boolean preprocessingInGraph() {
		return descriptor.encoder.preprocessingInGraph;
	}

	/** Why the model runs on the CPU although its settings asked for CUDA, or null. */
	public String deviceNote() {
		return deviceNote;
	}

	/** The ONNX Runtime session settings both sessions were created with (the device the one they run on). */
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

	/** New direct buffers for the encoder's outputs (the family's features, in their order). */
	public FloatBuffer[] newFeatureBuffers() {
		return family.features.stream().map(f -> direct(f.floats())).toArray(FloatBuffer[]::new);
	}

	/**
	 * Runs the encoder on a preprocessed image of the given shape ([1, 3, 1024, 1024], or [H, W, 3]
	 * for encoders that preprocess in their graph) and writes its outputs into {@code features},
	 * buffers from {@link #newFeatureBuffers()}, in place (no copy). A caller may allocate those
	 * ahead, e.g. while preprocessing: fresh native memory is slow to page in on some machines.
	 */
	public FloatBuffer[] encode(FloatBuffer input, long[] shape, FloatBuffer[] features) {
		List<OnnxTensor> outputs = new ArrayList<>();
		lock.readLock().lock();
		try {
			checkOpen();
			Map<String, OnnxTensor> pinned = new HashMap<>();
			for (int i = 0; i < features.length; i++) {
				OnnxTensor t = OnnxTensor.createTensor(ModelLoader.ENV, features[i], family.features.get(i).shape);
				outputs.add(t);
				pinned.put(encoderOutputs[i], t);
			}
			try (OnnxTensor in = OnnxTensor.createTensor(ModelLoader.ENV, input, shape)) {
				long start = System.nanoTime();
				OrtSession.Result result = encoder.run(Map.of(descriptor.encoder.input, in), pinned);
				encoderNanos.addAndGet(System.nanoTime() - start);
				encoderRuns.incrementAndGet();
				result.close(); // the outputs were written into the feature buffers themselves
			}
			return features;
		}
		catch (OrtException e) {
			throw new SamException("The SAM encoder failed: " + ModelLoader.firstLine(e.getMessage()), e);
		}
		finally {
			lock.readLock().unlock();
			outputs.forEach(OnnxTensor::close);
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

	/** Runs the decoder for one prompt on the encoder's outputs (from {@link #encode}) and returns all four masks and IoUs. */
	public DecoderOutput decode(FloatBuffer[] features, DecoderInput prompt) {
		// ONNX Runtime writes the outputs straight into reused native buffers (pinned outputs):
		// no fresh native memory per prompt, and one copy into the Java arrays instead of two.
		DecoderBuffers b = decoderBuffers.poll();
		if (b == null) b = new DecoderBuffers();
		Map<String, OnnxTensor> inputs = new HashMap<>();
		lock.readLock().lock();
		try {
			checkOpen();
			int n = prompt.points();
			OrtEnvironment env = ModelLoader.ENV;
			for (int i = 0; i < features.length; i++) {
				ModelFamily.Feature f = family.features.get(i);
				inputs.put(f.name, OnnxTensor.createTensor(env, features[i], f.shape));
			}
			inputs.put("point_coords", OnnxTensor.createTensor(env, FloatBuffer.wrap(prompt.coords), new long[] { 1, n, 2 }));
			inputs.put("point_labels", OnnxTensor.createTensor(env, FloatBuffer.wrap(prompt.labels), new long[] { 1, n }));
			FloatBuffer mask = prompt.maskInput == null ? NO_MASK.duplicate() : direct(prompt.maskInput);
			inputs.put("mask_input", OnnxTensor.createTensor(env, mask, new long[] { 1, 1, LOW_RES, LOW_RES }));
			inputs.put("has_mask_input", OnnxTensor.createTensor(env,
				FloatBuffer.wrap(new float[] { prompt.maskInput == null ? 0 : 1 }), new long[] { 1 }));
			if (family.sam1Decoder) inputs.put("orig_im_size", OnnxTensor.createTensor(env,
				FloatBuffer.wrap(new float[] { prompt.imageHeight, prompt.imageWidth }), new long[] { 2 }));
			try (OnnxTensor masks = OnnxTensor.createTensor(env, b.masks.rewind(), new long[] { 1, 4, LOW_RES, LOW_RES });
				OnnxTensor ious = OnnxTensor.createTensor(env, b.ious.rewind(), new long[] { 1, 4 }))
			{
				long start = System.nanoTime();
				OrtSession.Result pinned = decoder.run(inputs, Map.of(lowResMasks, masks, iouPredictions, ious));
				decoderNanos.addAndGet(System.nanoTime() - start);
				decoderRuns.incrementAndGet();
				pinned.close();
			}
			float[] m = new float[4 * LOW_RES * LOW_RES], iou = new float[4];
			b.masks.rewind().get(m);
			b.ious.rewind().get(iou);
			return new DecoderOutput(m, iou);
		}
		catch (OrtException e) {
			throw new SamException("The SAM decoder failed: " + ModelLoader.firstLine(e.getMessage()), e);
		}
		finally {
			lock.readLock().unlock();
			inputs.values().forEach(OnnxTensor::close);
			if (decoderBuffers.size() < 4) decoderBuffers.offer(b);
		}
	}

	/** Native output buffers of one decoder run, reused across runs. */
	private static final class DecoderBuffers {
		final FloatBuffer masks = direct(4 * LOW_RES * LOW_RES);
		final FloatBuffer ious = direct(4);
	}

	private static FloatBuffer direct(int floats) {
		return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
	}

	private static FloatBuffer direct(float[] values) {
		FloatBuffer b = direct(values.length);
		b.put(values).rewind();
		return b;
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
			ModelLoader.closeQuietly(encoder);
			ModelLoader.closeQuietly(decoder);
		}
		finally {
			lock.writeLock().unlock();
		}
	}
}
