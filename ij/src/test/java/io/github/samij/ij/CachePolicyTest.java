package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.PointRoi;
import ij.process.ImageProcessor;

import io.github.samij.core.Segmenter;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;
import io.github.samij.ij.convert.ImageInput;

import java.awt.EventQueue;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One cache policy for ImageJ images, with the real model and real windows: an image's plane is
 * keyed by its identity, the plane, SAM's input settings and a checksum of its raw pixels that
 * ImageJ's change notices keep or drop. What any correct policy must do: a second click reuses the
 * embedding; new pixels (an edit, a filter run by a macro just before the click, an image without
 * a window that ImageJ never reports on) are encoded again and segmented as they are now; a slice
 * change and back, or a display change that does not change SAM's input, reuse the embedding; a
 * display change that does change it (16-bit) is encoded again.
 */
@ExtendWith(ImageJFixture.class)
class CachePolicyTest {

	private static final Prompt CLICK = Prompt.point(300, 350);

	private Segmenter sam;

	@BeforeEach
	void emptyCache() {
		sam = Models.get("");
		sam.cache().clear();
	}

	@Test
	void aShownImageIsEncodedOnceAndAgainAfterAnEdit() throws Exception {
		ImagePlus imp = show(IJ.openImage(ImageJFixture.ihc()));
		long misses = sam.cache().misses();
		Prediction first = segment(imp);
		Prediction again = segment(imp);
		assertEquals(misses + 1, sam.cache().misses(), "the second click reuses the embedding");
		assertSameMasks(first, again);

		onEdt(() -> {
			imp.getProcessor().flipHorizontal(); // in place, as a filter does, then ImageJ is told
			imp.updateAndDraw();
		});
		Prediction flipped = segment(imp);
		assertEquals(misses + 2, sam.cache().misses(), "new pixels are encoded again");
		assertSameMasks(fresh(imp), flipped);
		assertNotEquals(first.best().area(), flipped.best().area(), "and give other masks");
	}

	@Test
	void aMacroFilterRightBeforeTheClickIsSeen() {
		ImagePlus imp = show(IJ.openImage(ImageJFixture.ihc()));
		imp.setRoi(new PointRoi(300, 350));
		String command = "run('Segment Anything...', 'mode=multi');";
		ImageJFixture.macro(command);
		long misses = sam.cache().misses();
		// ImageJ posts its change notice to the event thread; the click on the macro's thread comes at once.
		ImageJFixture.macro("run('Invert');" + command);
		assertEquals(misses + 1, sam.cache().misses(), "the inverted pixels were encoded");
		ImageJFixture.macro(command);
		assertEquals(misses + 1, sam.cache().misses(), "and reused by the next click");
	}

	/**
	 * ImageJ posts its change notice to the event thread. Here that thread is held busy, so the
	 * notice of an edit made just before a click on another thread has not been handled when the
	 * click comes: the click must wait for it rather than reuse the old embedding.
	 */
	@Test
	void aChangeImageJHasNotReportedYetIsWaitedFor() throws Exception {
		ImagePlus imp = show(IJ.openImage(ImageJFixture.ihc()));
		segment(imp);
		long misses = sam.cache().misses();
		CountDownLatch release = new CountDownLatch(1);
		EventQueue.invokeLater(() -> {
			try {
				release.await();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		});
		Prediction[] clicked = new Prediction[1];
		Thread click = new Thread(() -> {
			imp.getProcessor().invert();
			imp.updateAndDraw(); // the notice waits behind the busy event thread
			clicked[0] = segment(imp);
		}, "click");
		click.start();
		boolean waited;
		try {
			long deadline = System.currentTimeMillis() + 60_000;
			while (click.isAlive() && !waitsForTheEventThread(click)) {
				if (System.currentTimeMillis() > deadline) fail("the click neither finished nor waited for the event thread");
				Thread.sleep(5);
			}
			waited = click.isAlive();
		}
		finally {
			release.countDown();
		}
		click.join(120_000);
		assertTrue(waited, "the click waited for the notice instead of going ahead");
		assertEquals(misses + 1, sam.cache().misses(), "the inverted pixels were encoded");
		assertSameMasks(fresh(imp), clicked[0]);
	}

	private static boolean waitsForTheEventThread(Thread t) {
		for (StackTraceElement e : t.getStackTrace())
			if (e.getClassName().equals(EventQueue.class.getName()) && e.getMethodName().equals("invokeAndWait")) return true;
		return false;
	}

	@Test
	void anImageWithoutAWindowIsCheckedOnEveryClick() {
		ImagePlus imp = IJ.openImage(ImageJFixture.ihc()); // never shown: ImageJ sends no notices for it
		long misses = sam.cache().misses();
		segment(imp);
		segment(imp);
		assertEquals(misses + 1, sam.cache().misses());
		imp.getProcessor().flipHorizontal(); // and nobody is told
		assertSameMasks(fresh(imp), segment(imp));
		assertEquals(misses + 2, sam.cache().misses(), "the edit was found by its pixels");
	}

	@Test
	void aSliceChangeOrAnEightBitDisplayChangeKeepsTheEmbedding() throws Exception {
		ImagePlus rgb = IJ.openImage(ImageJFixture.ihc());
		ImageProcessor grey = rgb.getProcessor().convertToByte(false);
		ImageStack stack = new ImageStack(512, 512);
		stack.addSlice(grey);
		ImageProcessor flipped = grey.duplicate();
		flipped.flipHorizontal();
		stack.addSlice(flipped);
		ImagePlus imp = show(new ImagePlus("two slices", stack));
		long misses = sam.cache().misses();
		segment(imp);
		onEdt(() -> imp.setSlice(2));
		segment(imp);
		onEdt(() -> imp.setSlice(1));
		segment(imp);
		assertEquals(misses + 2, sam.cache().misses(), "slice 1 is not encoded again after a visit to slice 2");

		onEdt(() -> {
			imp.setDisplayRange(40, 120); // 8-bit: only the lookup table changes; SAM takes the raw values
			imp.updateAndDraw();
		});
		segment(imp);
		assertEquals(misses + 2, sam.cache().misses(), "an 8-bit display range does not change SAM's input");
	}

	@Test
	void aSixteenBitDisplayChangeIsEncodedAgain() throws Exception {
		ImageProcessor sixteen = IJ.openImage(ImageJFixture.ihc()).getProcessor().convertToByte(false).convertToShort(false);
		sixteen.multiply(200);
		ImagePlus imp = show(new ImagePlus("16-bit", sixteen));
		onEdt(() -> imp.setDisplayRange(0, 51000));
		long misses = sam.cache().misses();
		segment(imp);
		onEdt(() -> {
			imp.setDisplayRange(10000, 30000);
			imp.updateAndDraw();
		});
		assertSameMasks(fresh(imp), segment(imp));
		assertEquals(misses + 2, sam.cache().misses(), "SAM sees the 16-bit image through its display range");
	}

	// ----------------------------------------------------------------

	/** A click at (300, 350) on the image's current plane, through the keyed source as the commands do. */
	private Prediction segment(ImagePlus imp) {
		return sam.segment(ImageInput.source(imp, Plane.current(imp), ImageInput.OWN_CHANNEL), CLICK, MaskMode.MULTI);
	}

	/** The same click on a fresh, unkeyed conversion of the image as it is now. */
	private Prediction fresh(ImagePlus imp) {
		return sam.segment(ImageInput.of(imp).withKey(null), CLICK, MaskMode.MULTI);
	}

	private static ImagePlus show(ImagePlus imp) {
		imp.show();
		assertTrue(imp.getWindow() != null, "shown in a window");
		return imp;
	}

	private static void onEdt(Runnable r) throws Exception {
		EventQueue.invokeAndWait(r);
	}

	private static void assertSameMasks(Prediction expected, Prediction actual) {
		assertEquals(expected.masks().size(), actual.masks().size());
		for (int i = 0; i < expected.masks().size(); i++) {
			assertEquals(expected.masks().get(i).toString(), actual.masks().get(i).toString());
			assertTrue(Arrays.equals(expected.masks().get(i).pixels(), actual.masks().get(i).pixels()), "same pixels");
		}
	}
}
