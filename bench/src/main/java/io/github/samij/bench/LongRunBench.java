package io.github.samij.bench;

import io.github.samij.cli.Stats;
import io.github.samij.core.Embedding;
import io.github.samij.core.Segmenter;
import io.github.samij.core.model.SamModel;
import io.github.samij.core.model.SessionSettings;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A day of clicks in a few minutes: memory (Java heap, direct buffers, the process's resident set,
 * each after a full collection) read before and during many decodes on one cached embedding, and
 * before and after many model loads and closes. Flat means every session, tensor and buffer is
 * closed: the last reading within {@value #TOLERANCE_MIB} MiB of the first, for each kind. Use from
 * one thread.
 */
final class LongRunBench {

	/** How far memory may move between the first and the last reading and still count as flat. */
	static final int TOLERANCE_MIB = 32;
	private static final int CHECKPOINTS = 5, WARMUP = 50;
	/**
	 * Loads before the first reading: the process's resident set grows over the first ten or so loads
	 * (ONNX Runtime's and the allocator's one-time growth, JIT-compiled code) and then stays within
	 * a few MiB over forty more, measured here; a leak keeps growing.
	 */
	private static final int WARMUP_LOADS = 10;

	private LongRunBench() { }

	static Map<String, Object> run(Plan plan, BenchImages images, SamModel model, Function<SessionSettings, SamModel> load,
		Consumer<String> progress)
	{
		Segmenter segmenter = new Segmenter(model, Segmenter.DEFAULT_CACHE_BYTES);
		Embedding embedding = segmenter.encode(BenchImages.sam(images.resized(Benchmark.REFERENCE)));
		int side = Benchmark.REFERENCE;
		for (int i = 0; i < WARMUP; i++) segmenter.decode(embedding, click(i, side), MaskMode.MULTI);
		List<MemoryProbe.Reading> decodes = new ArrayList<>();
		decodes.add(MemoryProbe.settled());
		for (int c = 1; c <= CHECKPOINTS; c++) {
			progress.accept("long run: decodes " + (c - 1) * plan.longDecodes / CHECKPOINTS + " to " + c * plan.longDecodes / CHECKPOINTS
				+ " of " + plan.longDecodes);
			for (int i = (c - 1) * plan.longDecodes / CHECKPOINTS; i < c * plan.longDecodes / CHECKPOINTS; i++)
				segmenter.decode(embedding, click(i, side), MaskMode.MULTI);
			decodes.add(MemoryProbe.settled());
		}
		segmenter.cache().clear();

		progress.accept("long run: " + plan.longReloads + " model loads and closes");
		List<MemoryProbe.Reading> reloads = new ArrayList<>();
		for (int i = 0; i < WARMUP_LOADS; i++) load.apply(SessionSettings.DEFAULT).close();
		reloads.add(MemoryProbe.settled());
		for (int i = 0; i < plan.longReloads; i++) load.apply(SessionSettings.DEFAULT).close();
		reloads.add(MemoryProbe.settled());

		Map<String, Object> m = new LinkedHashMap<>();
		m.put("what", "memory after a full GC: heap = Java heap in use, direct = the JVM's direct buffers, resident = the "
			+ "process's RSS; flat = last reading within " + TOLERANCE_MIB + " MiB of the first");
		m.put("decodes", series(plan.longDecodes, decodes));
		m.put("reloads", series(plan.longReloads, reloads));
		return m;
	}

	/** A click that moves over the image, so each decode has a prompt of its own. */
	private static Prompt click(int i, int side) {
		return Prompt.point(16 + (i * 37) % (side - 32), 16 + (i * 53) % (side - 32));
	}

	private static Map<String, Object> series(int count, List<MemoryProbe.Reading> readings) {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("count", count);
		List<Double> heap = new ArrayList<>(), direct = new ArrayList<>(), resident = new ArrayList<>();
		for (MemoryProbe.Reading r : readings) {
			heap.add(mib(r.heap));
			direct.add(mib(r.direct));
			resident.add(r.resident < 0 ? null : mib(r.resident));
		}
		s.put("heap_mib", heap);
		s.put("direct_mib", direct);
		s.put("resident_mib", resident.contains(null) ? null : resident);
		MemoryProbe.Reading first = readings.get(0), last = readings.get(readings.size() - 1);
		double growth = Math.max(mib(last.heap - first.heap), mib(last.direct - first.direct));
		if (first.resident >= 0) growth = Math.max(growth, mib(last.resident - first.resident));
		s.put("largest_growth_mib", Stats.round(growth, 1));
		s.put("flat", growth <= TOLERANCE_MIB);
		return s;
	}

	private static double mib(long bytes) {
		return Stats.round(bytes / (1024.0 * 1024.0), 1);
	}
}
