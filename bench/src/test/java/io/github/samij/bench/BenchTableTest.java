package io.github.samij.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.cli.Stats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The table of a {@code bench --sweep} run (the full run's table is covered by BenchCommandTest). */
class BenchTableTest {

	@Test
	void sweepTableListsEverySetting() {
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("cpus", 2);
		machine.put("cpu_model", "test CPU");
		machine.put("onnxruntime", "1.29.0");
		machine.put("load_average_start", 0.5);
		machine.put("load_average_end", 0.7);
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("settings", "threads=1 opt=ALL_OPT memory_pattern=on spinning=off");
		config.put("load_ms", 400.0);
		config.put("encoder_512", Map.of("session_run_ms", Stats.of(500, 510, 520).toJson(1)));
		config.put("decoder_512", Map.of("session_run_ms", Stats.of(40, 41, 42).toJson(2)));
		config.put("stack_slices_per_s", Stats.of(1.9, 1.95).toJson(3));
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("in_use", "threads=2 opt=ALL_OPT memory_pattern=on spinning=off");
		options.put("sweep", List.of(config));
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("machine", machine);
		report.put("session_options", options);

		String table = BenchTable.render(report);
		assertTrue(table.contains("threads=1 opt=ALL_OPT memory_pattern=on spinning=off"), table);
		assertTrue(table.contains("510") && table.contains("41.0") && table.contains("1.925"), table);
		assertTrue(table.contains("defaults in use: threads=2"), table);
	}
}
