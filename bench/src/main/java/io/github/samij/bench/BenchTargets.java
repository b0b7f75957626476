package io.github.samij.bench;

import io.github.samij.cli.Stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The targets the benchmark report is held to, each with its measured median and whether it is met. Stateless. */
final class BenchTargets {

	private BenchTargets() { }

	/** The targets of a full report (every section present). */
	static List<Map<String, Object>> of(Map<String, Object> r) {
		List<Map<String, Object>> t = new ArrayList<>();
		double dec = Benchmark.median(section(r, "decoder"), Benchmark.REFERENCE, "overhead_ratio");
		double enc = Benchmark.median(section(r, "encoder"), Benchmark.REFERENCE, "overhead_ratio");
		double click = median(section(r, "imagej_click"), "whole_ms");
		double throughput = median(section(r, "stack"), "vs_ideal");
		double all = median(section(section(r, "segment_all"), "seeds"), "ratio_to_encoder");
		double start = median(section(r, "startup"), "ratio");
		t.add(target("decoder overhead at 512x512 (fraction of session.run)", "<= 0.15", dec, dec <= 0.15));
		t.add(target("encoder overhead at 512x512 (fraction of session.run)", "<= 0.05", enc, enc <= 0.05));
		t.add(target("stack throughput, one encode per slice (fraction of 1 / encoder session.run)", ">= 0.95", throughput,
			throughput >= 0.95));
		t.add(target("one click end to end in ImageJ at 512x512, embedding cached (ms)", "<= 60", click, click <= 60));
		t.add(target("Segment All, 512x512 with ~100 nuclei, default prompts (x encoder session.run)", "<= 4", all, all <= 4));
		t.add(target("sam-ij segment as a process (x a bare two-session Java main)", "<= 1.3", start, start <= 1.3));
		if (section(r, "startup").get("ratio_to_cached_native") != null) {
			double strict = median(section(r, "startup"), "ratio_to_cached_native");
			t.add(target("  the same, the bare main also loading ONNX Runtime's libraries from the cache", "<= 1.3", strict,
				strict <= 1.3));
		}
		for (String part : new String[] { "decodes", "reloads" }) {
			Map<String, Object> p = section(section(r, "long_run"), part);
			double growth = ((Number) p.get("largest_growth_mib")).doubleValue();
			t.add(target("memory growth over " + p.get("count") + " " + part + " (MiB, heap/direct/RSS)",
				"<= " + LongRunBench.TOLERANCE_MIB, growth, growth <= LongRunBench.TOLERANCE_MIB));
		}
		return t;
	}

	private static Map<String, Object> target(String name, String goal, double value, boolean met) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("target", name);
		m.put("goal", goal);
		m.put("median", Stats.round(value, 3));
		m.put("met", met);
		return m;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> section(Map<String, Object> m, String key) {
		return (Map<String, Object>) m.get(key);
	}

	private static double median(Map<String, Object> m, String series) {
		return ((Number) section(m, series).get("median")).doubleValue();
	}
}
