package io.github.samij.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.image.SamImage;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import org.junit.jupiter.api.Test;

class EmbeddingCacheTest {

	private static final long ONE = (long) Embedding.FLOATS * Float.BYTES;

	@Test
	void severalPromptsOnOneImageRunTheEncoderOnce() {
		Segmenter s = new Segmenter(SharedSegmenter.get().model(), Segmenter.DEFAULT_CACHE_BYTES);
		SamImage coins = TestImages.load("sample-data/coins.png");
		long before = s.model().encoderRuns();
		s.segment(coins, Prompt.point(50, 60), MaskMode.AUTO);
		s.segment(coins, Prompt.point(150, 120), MaskMode.MULTI);
		s.segment(coins, Prompt.box(20, 20, 120, 120), MaskMode.AUTO);
		s.segment(TestImages.load("sample-data/coins.png"), Prompt.point(300, 200), MaskMode.AUTO); // same key, new object
		assertEquals(1, s.model().encoderRuns() - before, "one encoder run for four prompts");
		assertEquals(3, s.cache().hits());
		assertEquals(1, s.cache().misses());
	}

	@Test
	void leastRecentlyUsedIsEvictedBeyondTheBound() {
		Segmenter s = new Segmenter(SharedSegmenter.get().model(), 2 * ONE);
		SamImage a = TestImages.load("sample-data/coins.png"), b = TestImages.load("sample-data/cell.png"),
			c = TestImages.load("sample-data/ihc.png");
		long before = s.model().encoderRuns();
		s.encode(a);
		s.encode(b);
		s.encode(a); // a is now the most recently used
		s.encode(c); // evicts b
		assertEquals(3, s.model().encoderRuns() - before);
		assertEquals(1, s.cache().evictions());
		assertEquals(2, s.cache().size());
		assertEquals(2 * ONE, s.cache().bytes());
		assertTrue(s.cache().contains(a.key()) && s.cache().contains(c.key()));
		s.encode(b);
		assertEquals(4, s.model().encoderRuns() - before, "b was evicted, so it is encoded again");
		s.cache().setMaxBytes(ONE);
		assertEquals(1, s.cache().size(), "shrinking the bound evicts at once");
	}

	@Test
	void concurrentRequestsForOneImageShareOneEncoderRun() throws Exception {
		Segmenter s = new Segmenter(SharedSegmenter.get().model(), Segmenter.DEFAULT_CACHE_BYTES);
		SamImage cell = TestImages.load("sample-data/cell.png");
		long before = s.model().encoderRuns();
		Embedding[] got = new Embedding[2];
		Thread t = new Thread(() -> got[1] = s.encode(cell));
		t.start();
		got[0] = s.encode(cell);
		t.join();
		assertSame(got[0], got[1]);
		assertEquals(1, s.model().encoderRuns() - before);
	}

	@Test
	void uncachedImagesAreEncodedEveryTime() {
		Segmenter s = new Segmenter(SharedSegmenter.get().model(), Segmenter.DEFAULT_CACHE_BYTES);
		byte[] gray = new byte[64 * 64];
		SamImage noKey = SamImage.gray8(64, 64, gray);
		long before = s.model().encoderRuns();
		s.encode(noKey);
		s.encode(noKey);
		assertEquals(2, s.model().encoderRuns() - before, "a null key means: never cache");
		assertEquals(0, s.cache().size());
	}
}
