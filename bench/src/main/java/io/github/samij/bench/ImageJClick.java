package io.github.samij.bench;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.PointRoi;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;
import ij.process.ColorProcessor;

import io.github.samij.cli.Stats;
import io.github.samij.core.ImageSource;
import io.github.samij.core.Segmenter;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.model.SamModel;
import io.github.samij.core.prompt.Prompt;
import io.github.samij.ij.Models;
import io.github.samij.ij.Plane;
import io.github.samij.ij.SegmentAnything;
import io.github.samij.ij.SegmentSettings;
import io.github.samij.ij.convert.ImageInput;
import io.github.samij.ij.convert.PromptInput;
import io.github.samij.ij.convert.SamRois;
import io.github.samij.ij.output.SamResults;

import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One click end to end in the ImageJ layer, as the plugin runs it: a {@link PointRoi} on an
 * {@link ImagePlus} → {@link SegmentAnything#segment} (prompt from the selection, the plane's cache
 * key, the cached embedding, the decoder, ROIs traced from the masks, the ROIs added, a row per ROI
 * in the results table). With a display the image is shown in a window, as a user's is (ImageJ then
 * reports its changes, and an unchanged plane's checksum is remembered), and the ROIs go to the ROI
 * Manager (emptied between clicks, outside the timing); headless there is no window and no ROI
 * Manager, so the ROIs go to the image overlay, where the plugin puts them then too.
 * <p>
 * A second, interleaved series times the same steps one by one (prompt and key, SAM, ROIs, output)
 * to show where the time goes.
 */
final class ImageJClick {

	private ImageJClick() { }

	static Map<String, Object> run(BufferedImage picture, double clickX, double clickY, int warmup, int runs) {
		boolean headless = GraphicsEnvironment.isHeadless();
		ImagePlus imp = new ImagePlus("bench", new ColorProcessor(picture));
		if (!headless) imp.show();
		SegmentSettings settings = new SegmentSettings();
		settings.toRoiManager = !headless;
		settings.toOverlay = headless;
		RoiManager rm = headless ? null : RoiManager.getRoiManager();
		Segmenter segmenter = Models.get(settings.model);
		SamModel model = segmenter.model();

		List<Double> whole = new ArrayList<>(), insideRun = new ArrayList<>();
		List<Double> input = new ArrayList<>(), sam = new ArrayList<>(), rois = new ArrayList<>(), output = new ArrayList<>();
		int roiCount = 0;
		try {
			for (int i = 0; i < warmup + runs; i++) {
				// The whole click, as the plugin runs it.
				reset(imp, rm);
				imp.setRoi(new PointRoi(clickX, clickY));
				long runBefore = model.decoderRunNanos();
				long t0 = System.nanoTime();
				SegmentAnything.Result r = SegmentAnything.segment(imp, settings);
				long t1 = System.nanoTime();
				if (i >= warmup) {
					whole.add(ms(t1 - t0));
					insideRun.add(ms(model.decoderRunNanos() - runBefore));
					roiCount = r.rois.size();
				}
				// The same click step by step.
				reset(imp, rm);
				imp.setRoi(new PointRoi(clickX, clickY));
				long s0 = System.nanoTime();
				Prompt prompt = PromptInput.from(imp);
				Plane plane = Plane.current(imp);
				ImageSource image = ImageInput.source(imp, plane, settings.channels);
				image.key(null);
				long s1 = System.nanoTime();
				Prediction p = segmenter.segment(image, prompt, settings.mode);
				long s2 = System.nanoTime();
				SamRois.of(p.masks(), p.masks().size(), prompt, plane, imp, settings.allComponents);
				long s3 = System.nanoTime();
				// Output is timed on the plugin's own result object, made again outside the timing.
				SegmentAnything.Result planeResult = SegmentAnything.segmentPlane(imp, plane, prompt, settings);
				long s4 = System.nanoTime();
				SegmentAnything.output(imp, planeResult, settings);
				long s5 = System.nanoTime();
				if (i >= warmup) {
					input.add(ms(s1 - s0));
					sam.add(ms(s2 - s1));
					rois.add(ms(s3 - s2));
					output.add(ms(s5 - s4));
				}
			}
			reset(imp, rm);
		}
		finally {
			imp.changes = false;
			imp.close();
		}

		Map<String, Object> m = new LinkedHashMap<>();
		m.put("image", picture.getWidth() + "x" + picture.getHeight() + " RGB" + (headless ? "" : ", shown in a window"));
		m.put("click", new double[] { clickX, clickY });
		m.put("destination", headless ? "overlay (headless: no ROI Manager)" : "ROI Manager");
		m.put("headless", headless);
		m.put("embedding_cached", true);
		m.put("rois_per_click", roiCount);
		m.put("whole_ms", Stats.of(whole).toJson(2));
		m.put("decoder_session_run_ms", Stats.of(insideRun).toJson(2));
		Map<String, Object> steps = new LinkedHashMap<>();
		steps.put("prompt_and_image_key_ms", Stats.of(input).toJson(2));
		steps.put("segmenter_ms", Stats.of(sam).toJson(2));
		steps.put("rois_ms", Stats.of(rois).toJson(2));
		steps.put("output_ms", Stats.of(output).toJson(2));
		m.put("steps", steps);
		return m;
	}

	/**
	 * Empties the ROI Manager, overlay and table between clicks, outside the timing. The ROI
	 * Manager's list is a Swing component: it is emptied on the event thread, after the repaints the
	 * last click queued, so the measured clicks never race with painting.
	 */
	private static void reset(ImagePlus imp, RoiManager rm) {
		if (rm != null) onEventThread(rm::reset);
		imp.setOverlay((Overlay) null);
		imp.deleteRoi();
		ResultsTable rt = SamResults.table();
		rt.reset();
		if (rm != null) onEventThread(() -> { });
	}

	private static void onEventThread(Runnable r) {
		try {
			if (EventQueue.isDispatchThread()) r.run();
			else EventQueue.invokeAndWait(r);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (InvocationTargetException e) {
			throw new IllegalStateException(e.getCause());
		}
	}

	private static double ms(long nanos) {
		return nanos / 1e6;
	}
}
