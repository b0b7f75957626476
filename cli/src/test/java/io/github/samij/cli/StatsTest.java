package io.github.samij.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The benchmark's summary statistics: medians and quantiles as NumPy computes them (linear, type 7). */
class StatsTest {

	@Test
	void quantilesInterpolateBetweenOrderStatistics() {
		Stats s = Stats.of(List.of(7.0, 1.0, 3.0, 5.0)); // sorted 1 3 5 7
		assertEquals(4.0, s.median(), 1e-12);
		assertEquals(2.5, s.quantile(0.25), 1e-12); // numpy.quantile([1,3,5,7], 0.25)
		assertEquals(6.4, s.p90(), 1e-12);
		assertEquals(1.0, s.min());
		assertEquals(7.0, s.max());
		assertEquals(4.0, s.mean(), 1e-12);
		assertEquals(0.75, s.relativeIqr(), 1e-12); // (q3 5.5 - q1 2.5) / median 4
	}

	@Test
	void oddCountsAndSingleValues() {
		assertEquals(3.0, Stats.of(5, 1, 3).median());
		Stats one = Stats.of(42);
		assertEquals(42.0, one.median());
		assertEquals(42.0, one.p90());
		Map<String, Object> json = one.toJson(1);
		assertEquals(1, json.get("n"));
		assertEquals(42.0, json.get("median"));
		assertThrows(IllegalArgumentException.class, () -> Stats.of(new double[0]));
	}
}
