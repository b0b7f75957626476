package io.github.samij.core.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.samij.core.ImageSource;
import io.github.samij.core.SamException;
import io.github.samij.core.Segmenter;
import io.github.samij.core.SharedSegmenter;
import io.github.samij.core.TestImages;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.mask.Ranking;
import io.github.samij.core.prompt.Crop;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live engine with the real model and no window: prompts made before the image is encoded wait
 * and the latest wins, a new image drops what was asked of the old one, closing drops a result in
 * flight, new pixels on the same image are encoded again while unchanged ones are not, and failures
 * are reported. Every wait is on an event the engine reports, with a deadline that fails the test.
 */
class LiveEngineTest {

	private static final long SECONDS = 120;

	private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
	private final List<Prediction> results = new ArrayList<>();
	private final List<Prompt> resultPrompts = new ArrayList<>();
	private Segmenter segmenter;
	private LiveEngine engine;
	/** Runs on the worker when the encoder starts / a decode starts (tests hold the worker there). */
	private volatile Consumer<Long> onEncoding = g -> { };
	private volatile Consumer<LiveEngine.Request> onDecoding = r -> { };

	@BeforeEach
	void start() {
		segmenter = new Segmenter(SharedSegmenter.get().model(), Segmenter.DEFAULT_CACHE_BYTES); // an empty cache
		engine = new LiveEngine(() -> segmenter, "live-engine-test", new LiveEngine.Listener() {
			@Override
			public void encoding(long generation) {
				events.add("encoding " + generation);
				onEncoding.accept(generation);
			}

			@Override
			public void ready(long generation, double seconds) {
				events.add("ready " + generation);
			}

			@Override
			public void decoding(LiveEngine.Request request) {
				onDecoding.accept(request);
			}

			@Override
			public void result(LiveEngine.Request request, Prediction prediction) {
				synchronized (results) {
					results.add(prediction);
					resultPrompts.add(request.prompt);
				}
				events.add("result " + request.prompt);
			}

			@Override
			public void failed(long generation, LiveEngine.Request request, RuntimeException failure) {
				events.add("failed " + generation + " " + (request == null ? "encoding" : request.prompt) + ": "
					+ failure.getMessage());
			}
		});
	}

	@AfterEach
	void stop() throws InterruptedException {
		engine.close();
		assertTrue(engine.awaitTermination(SECONDS * 1000), "the worker ended");
	}

	@Test
	void promptsWaitForTheEncodingAndTheLatestWins() throws Exception {
		CountDownLatch submitted = new CountDownLatch(1);
		onEncoding = g -> await(submitted);
		long g = engine.setImage(TestImages.load("sample-data/ihc.png"));
		expect("encoding " + g);
		engine.submit(Prompt.point(100, 100), MaskMode.AUTO, Ranking.PREDICTED_IOU, null);
		engine.submit(Prompt.point(300, 350), MaskMode.AUTO, Ranking.PREDICTED_IOU, null);
		long decodes = segmenter.model().decoderRuns();
		submitted.countDown();
		expect("ready " + g);
		expect("result (300, 350)");
		assertEquals(decodes + 1, segmenter.model().decoderRuns(), "the earlier prompt was never decoded");
		assertSame(segmenter.segment(TestImages.load("sample-data/ihc.png"), Prompt.point(300, 350), MaskMode.AUTO),
			only());
	}

	@Test
	void aNewImageDropsWhatWasAskedOfTheOld() throws Exception {
		CountDownLatch moved = new CountDownLatch(1);
		onEncoding = g -> {
			if (g == 1) await(moved);
		};
		long first = engine.setImage(TestImages.load("sample-data/ihc.png"));
		expect("encoding " + first);
		engine.submit(Prompt.point(300, 350), MaskMode.AUTO, Ranking.PREDICTED_IOU, null); // for the first image
		SamImage cell = TestImages.load("sample-data/cell.png");
		long second = engine.setImage(cell);
		engine.submit(Prompt.point(275, 330), MaskMode.AUTO, Ranking.PREDICTED_IOU, null);
		moved.countDown();
		expect("encoding " + second);
		expect("ready " + second);
		expect("result (275, 330)");
		assertEquals(List.of(Prompt.point(275, 330).toString()), prompts(), "nothing for the first image");
		assertSame(segmenter.segment(cell, Prompt.point(275, 330), MaskMode.AUTO), only());
	}

	@Test
	void closingDropsTheResultOfADecodeInFlight() throws Exception {
		long g = engine.setImage(TestImages.load("sample-data/ihc.png"));
		expect("encoding " + g);
		expect("ready " + g);
		CountDownLatch decoding = new CountDownLatch(1), closed = new CountDownLatch(1);
		onDecoding = r -> {
			decoding.countDown();
			await(closed);
		};
		long decodes = segmenter.model().decoderRuns();
		engine.submit(Prompt.point(300, 350), MaskMode.AUTO, Ranking.PREDICTED_IOU, null);
		assertTrue(decoding.await(SECONDS, TimeUnit.SECONDS), "the worker is about to decode");
		engine.close();
		closed.countDown();
		assertTrue(engine.awaitTermination(SECONDS * 1000));
		assertEquals(decodes + 1, segmenter.model().decoderRuns(), "the decode ran, after the engine was closed");
		assertTrue(prompts().isEmpty(), "and its result was dropped");
		assertNull(events.poll(), "nothing else happened: " + events);
	}

	@Test
	void theSameImageAgainIsNotEncodedAgainButNewPixelsAre() throws Exception {
		SamImage ihc = TestImages.load("sample-data/ihc.png");
		long g = engine.setImage(ihc);
		expect("encoding " + g);
		expect("ready " + g);
		long runs = segmenter.model().encoderRuns();
		engine.updateImage(TestImages.load("sample-data/ihc.png")); // ImageJ said something; the pixels are the same
		engine.submit(Prompt.point(100, 100), MaskMode.AUTO, Ranking.PREDICTED_IOU, null); // runs after the update
		expect("result (100, 100)");
		assertEquals(runs, segmenter.model().encoderRuns(), "the same key: no encoder run");
		synchronized (results) {
			results.clear();
			resultPrompts.clear();
		}

		SamImage flipped = flipped(ihc);
		CountDownLatch submitted = new CountDownLatch(1);
		onEncoding = x -> await(submitted);
		engine.updateImage(flipped);
		expect("encoding " + g);
		engine.submit(Prompt.point(300, 350), MaskMode.AUTO, Ranking.PREDICTED_IOU, null);
		submitted.countDown();
		expect("ready " + g);
		expect("result (300, 350)");
		assertEquals(runs + 1, segmenter.model().encoderRuns());
		assertSame(segmenter.segment(flipped, Prompt.point(300, 350), MaskMode.AUTO), only());
	}

	@Test
	void failuresAreReportedAndTheEngineGoesOn() throws Exception {
		ImageSource broken = new ImageSource() {
			@Override
			public int width() {
				return 10;
			}

			@Override
			public int height() {
				return 10;
			}

			@Override
			public Object key(Crop window) {
				return "broken";
			}

			@Override
			public SamImage pixels(Crop window) {
				throw new SamException("The image cannot be read.");
			}
		};
		long g = engine.setImage(broken);
		expect("encoding " + g);
		expect("failed " + g + " encoding: The image cannot be read.");
		g = engine.setImage(TestImages.load("sample-data/ihc.png"));
		expect("encoding " + g);
		expect("ready " + g);
		engine.submit(Prompt.point(600, 10), MaskMode.AUTO, Ranking.PREDICTED_IOU, null);
		expect("failed " + g + " (600, 10): Point (600, 10) lies outside the 512×512 image; click inside the image.");
	}

	// ----------------------------------------------------------------

	/** Waits for the next event, which must be {@code expected}. */
	private void expect(String expected) throws InterruptedException {
		String e = events.poll(SECONDS, TimeUnit.SECONDS);
		if (e == null) fail("no event within " + SECONDS + " s; expected " + expected);
		assertEquals(expected, e);
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(SECONDS, TimeUnit.SECONDS)) throw new IllegalStateException("the test never released the worker");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private List<String> prompts() {
		synchronized (results) {
			List<String> out = new ArrayList<>();
			for (Prompt p : resultPrompts) out.add(p.toString());
			return out;
		}
	}

	private Prediction only() {
		synchronized (results) {
			assertEquals(1, results.size(), "one result");
			return results.get(0);
		}
	}

	private static SamImage flipped(SamImage image) {
		int w = image.width(), h = image.height();
		byte[][] planes = new byte[3][w * h];
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) planes[c][y * w + x] = image.plane(c)[y * w + w - 1 - x];
		return SamImage.planes(w, h, planes[0], planes[1], planes[2]).withContentKey();
	}

	private static void assertSame(Prediction expected, Prediction actual) {
		assertNotNull(actual);
		assertEquals(expected.masks().size(), actual.masks().size());
		for (int i = 0; i < expected.masks().size(); i++) {
			assertEquals(expected.masks().get(i).toString(), actual.masks().get(i).toString());
			assertTrue(Arrays.equals(expected.masks().get(i).pixels(), actual.masks().get(i).pixels()));
		}
	}
}
