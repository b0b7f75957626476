package io.github.samij.ij.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the click-to-preview latency harness on ihc.png (512 × 512) in a real window and records
 * the figures in target/live-latency.txt. It measures; it does not judge (timings on a shared
 * machine are no test). {@code -Dsamij.live.clicks=N} sets the number of clicks (default 10).
 */
class LiveLatencyTest {

	@BeforeAll
	static void imageJ() {
		LiveFixture.start();
	}

	@Test
	void clickToPreview() throws Exception {
		int clicks = Integer.getInteger("samij.live.clicks", 10);
		List<LiveLatency.Result> results = LiveLatency.measure(LiveFixture.repositoryFile("sample-data/ihc.png"), clicks);
		assertEquals(2, results.size(), "plain clicks and refinements");
		StringBuilder report = new StringBuilder();
		for (LiveLatency.Result r : results) {
			assertEquals(clicks, r.clicks, r.kind + ": every click was painted");
			assertTrue(r.min > 0 && r.min <= r.median && r.median <= r.p90 && r.p90 <= r.max, r.toString());
			assertTrue(r.decode > 0 && r.rois >= 0 && r.paint >= 0 && r.queue >= 0, r.toString());
			report.append(r).append('\n');
		}
		Path out = Paths.get("target", "live-latency.txt");
		Files.write(out, report.toString().getBytes(StandardCharsets.UTF_8));
		System.out.print("LiveLatencyTest:\n" + report);
	}
}
