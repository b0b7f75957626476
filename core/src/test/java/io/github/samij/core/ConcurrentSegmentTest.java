package io.github.samij.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.samij.core.image.SamImage;
import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/**
 * Two threads segmenting on one segmenter — the same image, and two different images — get the
 * same masks as one after the other: the segmenter, its cache and the model's sessions are shared
 * safely. The threads start together (a barrier), and each does several clicks so their runs overlap.
 */
class ConcurrentSegmentTest {

	private static final int CLICKS = 4;

	/** The clicks of one thread: interior points of the image's first nuclei. */
	private static List<Prompt> clicks(String image, int width, int height) {
		Nuclei truth = new Nuclei(image, width, height);
		List<Prompt> prompts = new ArrayList<>();
		for (int g = 1; prompts.size() < CLICKS; g++) {
			int[] p = truth.interior(g);
			prompts.add(Prompt.point(p[0] + 0.5, p[1] + 0.5));
		}
		return prompts;
	}

	private static List<Prediction> run(Segmenter s, SamImage image, List<Prompt> prompts) {
		List<Prediction> out = new ArrayList<>();
		for (Prompt p : prompts) out.add(s.segment(image, p, MaskMode.MULTI));
		return out;
	}

	private static void assertSameMasks(List<Prediction> expected, List<Prediction> actual) {
		assertEquals(expected.size(), actual.size());
		for (int i = 0; i < expected.size(); i++) {
			List<Mask> a = expected.get(i).masks(), b = actual.get(i).masks();
			assertEquals(a.size(), b.size());
			for (int k = 0; k < a.size(); k++) {
				assertEquals(a.get(k).toString(), b.get(k).toString(), "token, rank, scores and area");
				assertArrayEquals(a.get(k).imagePixels(), b.get(k).imagePixels(), "the same pixels");
			}
		}
	}

	private static void concurrently(Segmenter shared, SamImage[] images, List<List<Prompt>> prompts,
		List<List<Prediction>> expected) throws Exception
	{
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			CyclicBarrier start = new CyclicBarrier(2);
			List<Future<List<Prediction>>> got = new ArrayList<>();
			for (int t = 0; t < 2; t++) {
				int i = t;
				got.add(pool.submit(() -> {
					start.await();
					return run(shared, images[i], prompts.get(i));
				}));
			}
			for (int t = 0; t < 2; t++) assertSameMasks(expected.get(t), got.get(t).get());
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void twoThreadsOnOneSegmenterGetWhatOneThreadGets() throws Exception {
		SamImage a = TestImages.load(TestImages.dsb("dsb000")).withContentKey();
		SamImage b = TestImages.load(TestImages.dsb("dsb014")).withContentKey();
		List<Prompt> onA = clicks("dsb000", 256, 256), onB = clicks("dsb014", 696, 520);
		List<Prompt> onAToo = new ArrayList<>(onA);
		java.util.Collections.reverse(onAToo);

		// One after the other, on a segmenter of its own.
		Segmenter alone = fresh();
		List<Prediction> aAlone = run(alone, a, onA), aReversed = run(alone, a, onAToo), bAlone = run(alone, b, onB);

		// The same image from two threads, then two images; each time on a fresh segmenter (nothing cached).
		concurrently(fresh(), new SamImage[] { a, a }, List.of(onA, onAToo), List.of(aAlone, aReversed));
		concurrently(fresh(), new SamImage[] { a, b }, List.of(onA, onB), List.of(aAlone, bAlone));
	}

	/** A segmenter of its own (an empty cache) on the tests' shared model. */
	private static Segmenter fresh() {
		return new Segmenter(SharedSegmenter.get().model(), Segmenter.DEFAULT_CACHE_BYTES);
	}
}
