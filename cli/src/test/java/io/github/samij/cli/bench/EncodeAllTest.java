package io.github.samij.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.Embedding;
import io.github.samij.core.SamImage;
import io.github.samij.core.Segmenter;
import io.github.samij.core.SharedSegmenter;
import io.github.samij.core.TestImages;
import io.github.samij.core.model.SamModel;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Segmenter#encodeAll}, the stack encoding the benchmark measures, with and without the
 * overlap: the same embeddings as encoding one image at a time, in order, one encoder run per
 * uncached image, and the reused input canvases leave nothing of the previous image behind (a wide
 * image after a tall one).
 */
class EncodeAllTest {

	private static final long ONE = (long) Embedding.FLOATS * Float.BYTES;

	@ParameterizedTest(name = "overlap {0}")
	@ValueSource(booleans = { true, false })
	void givesTheEmbeddingsOfEncodeInOrderWithOneRunPerImage(boolean overlap) {
		SamModel model = SharedSegmenter.get().model();
		// Different shapes in a row: square, wide (padding below), tall (padding on the right), square.
		List<SamImage> images = List.of(TestImages.load("sample-data/ihc.png"), TestImages.load("sample-data/coins.png"),
			TestImages.load("sample-data/cell.png"), TestImages.load(TestImages.dsb("dsb000")));

		// The reference: each image encoded by a fresh segmenter, so on a freshly allocated canvas.
		List<Embedding> expected = new ArrayList<>();
		for (SamImage i : images) expected.add(new Segmenter(model, ONE).encode(i));

		Segmenter all = new Segmenter(model, 8 * ONE);
		List<Embedding> got = new ArrayList<>();
		long runs = model.encoderRuns();
		all.encodeAll(images, got::add, overlap);
		assertEquals(images.size(), model.encoderRuns() - runs, "one encoder run per image");
		assertEquals(images.size(), got.size());
		for (int i = 0; i < images.size(); i++) {
			assertEquals(images.get(i).key(), got.get(i).key(), "in order");
			assertEquals(images.get(i).width(), got.get(i).width());
			assertTrue(maxDifference(expected.get(i), got.get(i)) < 1e-4,
				"image " + i + ": same embedding as encode(), max difference " + maxDifference(expected.get(i), got.get(i)));
		}

		// Everything is cached now: no preprocessing, no encoder run, the cached objects themselves.
		runs = model.encoderRuns();
		List<Embedding> again = new ArrayList<>();
		all.encodeAll(images, again::add, overlap);
		assertEquals(0, model.encoderRuns() - runs);
		for (int i = 0; i < images.size(); i++) assertSame(got.get(i), again.get(i));
	}

	@ParameterizedTest(name = "overlap {0}")
	@ValueSource(booleans = { true, false })
	void aFailureStopsTheRunAndReachesTheCaller(boolean overlap) {
		Segmenter s = new Segmenter(SharedSegmenter.get().model(), 0);
		List<SamImage> images = List.of(TestImages.load(TestImages.dsb("dsb003")), TestImages.load(TestImages.dsb("dsb005")));
		List<Embedding> seen = new ArrayList<>();
		IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.encodeAll(images, emb -> {
			seen.add(emb);
			throw new IllegalStateException("stop");
		}, overlap));
		assertEquals("stop", e.getMessage());
		assertEquals(1, seen.size(), "nothing after the failure");
		s.encodeAll(List.of(), emb -> { throw new AssertionError("nothing to encode"); }, overlap);
		// The default chooses a strategy by itself and gives the same result.
		List<Embedding> chosen = new ArrayList<>();
		s.encodeAll(images, chosen::add);
		assertEquals(2, chosen.size());
	}

	private static double maxDifference(Embedding a, Embedding b) {
		FloatBuffer x = a.data(), y = b.data();
		double max = 0;
		for (int i = 0; i < Embedding.FLOATS; i++) max = Math.max(max, Math.abs(x.get(i) - y.get(i)));
		return max;
	}
}
