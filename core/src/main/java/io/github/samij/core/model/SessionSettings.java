package io.github.samij.core.model;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.util.Locale;

/**
 * The ONNX Runtime session options a {@link SamModel} is loaded with: intra-op threads, graph
 * optimisation level, memory pattern, thread spinning and the {@link Device}. {@link #DEFAULT} holds the values chosen
 * from the measurements in {@code docs/benchmarks.md}; the others exist so that those measurements
 * can be repeated. Immutable and thread-safe.
 */
public final class SessionSettings {

	/** ONNX Runtime's graph optimisation levels, named here so that callers need no ONNX Runtime types. */
	public enum Optimisation {
		NONE(OrtSession.SessionOptions.OptLevel.NO_OPT), BASIC(OrtSession.SessionOptions.OptLevel.BASIC_OPT),
		EXTENDED(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT), ALL(OrtSession.SessionOptions.OptLevel.ALL_OPT);

		private final OrtSession.SessionOptions.OptLevel level;

		Optimisation(OrtSession.SessionOptions.OptLevel level) {
			this.level = level;
		}
	}

	/**
	 * The defaults, chosen from the measurements of {@code sam-ij bench --sweep} (docs/benchmarks.md):
	 * one intra-op thread per CPU the JVM may use ({@link Runtime#availableProcessors()}, which
	 * honours container limits and CPU affinity, where ONNX Runtime's own choice counts physical cores
	 * and took one thread on the 2-CPU benchmark machine), idle threads sleeping instead of spinning
	 * (as fast on a quiet machine, much faster on a busy or oversubscribed one, and leaves the CPU to
	 * the Java work around each run), all graph optimisations, memory pattern on.
	 */
	public static final SessionSettings DEFAULT = new SessionSettings(Math.max(1, Runtime.getRuntime().availableProcessors()),
		Optimisation.ALL, true, false, Device.CPU);

	private final int intraOpThreads;
	private final Optimisation optimisation;
	private final boolean memoryPattern;
	private final boolean spinning;
	private final Device device;

	private SessionSettings(int intraOpThreads, Optimisation optimisation, boolean memoryPattern, boolean spinning,
		Device device)
	{
		if (intraOpThreads < 0) throw new IllegalArgumentException("intra-op threads must be 0 (automatic) or more");
		this.intraOpThreads = intraOpThreads;
		this.optimisation = optimisation;
		this.memoryPattern = memoryPattern;
		this.spinning = spinning;
		this.device = device;
	}

	/** Threads per operator; 0 lets ONNX Runtime choose (one per physical core). */
	public SessionSettings withIntraOpThreads(int threads) {
		return new SessionSettings(threads, optimisation, memoryPattern, spinning, device);
	}

	/** The graph optimisation level applied when the session is created. */
	public SessionSettings withOptimisation(Optimisation level) {
		return new SessionSettings(intraOpThreads, level, memoryPattern, spinning, device);
	}

	/** ONNX Runtime's memory pattern: plans and reuses allocations across runs of equal shapes. */
	public SessionSettings withMemoryPattern(boolean on) {
		return new SessionSettings(intraOpThreads, optimisation, on, spinning, device);
	}

	/** Whether idle intra-op threads spin (busy-wait) for the next task instead of sleeping. */
	public SessionSettings withSpinning(boolean on) {
		return new SessionSettings(intraOpThreads, optimisation, memoryPattern, on, device);
	}

	/** Where the sessions run (see {@link Device}); the CPU by default. */
	public SessionSettings withDevice(Device device) {
		return new SessionSettings(intraOpThreads, optimisation, memoryPattern, spinning, device);
	}

	public Device device() {
		return device;
	}

	public int intraOpThreads() {
		return intraOpThreads;
	}

	public Optimisation optimisation() {
		return optimisation;
	}

	public boolean memoryPattern() {
		return memoryPattern;
	}

	public boolean spinning() {
		return spinning;
	}

	/** New ONNX Runtime options with these settings; the caller closes them. */
	OrtSession.SessionOptions toOptions() throws OrtException {
		OrtSession.SessionOptions options = new OrtSession.SessionOptions();
		try {
			options.setOptimizationLevel(optimisation.level);
			if (intraOpThreads > 0) options.setIntraOpNumThreads(intraOpThreads);
			options.setMemoryPatternOptimization(memoryPattern);
			options.addConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
			// The loader has already turned CUDA and AUTO into the CPU where CUDA is missing.
			if (device != Device.CPU) options.addCUDA(0);
			return options;
		}
		catch (OrtException | RuntimeException e) {
			options.close();
			throw e;
		}
	}

	/** E.g. {@code threads=auto opt=ALL_OPT memory_pattern=on spinning=on device=cpu}. */
	@Override
	public String toString() {
		return String.format(Locale.ROOT, "threads=%s opt=%s memory_pattern=%s spinning=%s device=%s",
			intraOpThreads == 0 ? "auto" : Integer.toString(intraOpThreads), optimisation.level, memoryPattern ? "on" : "off",
			spinning ? "on" : "off", device.key());
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof SessionSettings)) return false;
		SessionSettings s = (SessionSettings) o;
		return intraOpThreads == s.intraOpThreads && optimisation == s.optimisation && memoryPattern == s.memoryPattern
			&& spinning == s.spinning && device == s.device;
	}

	@Override
	public int hashCode() {
		return java.util.Objects.hash(intraOpThreads, optimisation, memoryPattern, spinning, device);
	}
}
