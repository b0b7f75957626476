package io.github.samij.ij.output;

import ij.ImagePlus;
import ij.WindowManager;
import ij.measure.Calibration;
import ij.measure.ResultsTable;

import io.github.samij.ij.Plane;
import io.github.samij.ij.convert.SamRois;

import java.awt.GraphicsEnvironment;
import java.awt.Window;
import java.util.List;

/**
 * The {@value #TITLE} results table: one row per kept mask, appended run after run. Call from one
 * thread at a time (ImageJ's ResultsTable is not thread-safe).
 */
public final class SamResults {

	public static final String TITLE = "SAM Results";

	private SamResults() { }

	/** The open table, or a new one. */
	public static ResultsTable table() {
		Window w = WindowManager.getWindow(TITLE);
		if (w instanceof ij.text.TextWindow) {
			ResultsTable rt = ((ij.text.TextWindow) w).getResultsTable();
			if (rt != null) return rt;
		}
		ResultsTable rt = ResultsTable.getResultsTable(TITLE);
		return rt != null ? rt : new ResultsTable();
	}

	/**
	 * Appends one row per ROI — its prompt, rank, scale, SAM's scores, area and bounding box (in
	 * pixels, named as ImageJ's Measure names it) — and shows the table (unless there is no display).
	 */
	public static ResultsTable add(ImagePlus imp, Plane plane, List<SamRois.MaskRoi> rois) {
		ResultsTable rt = table();
		Calibration cal = imp.getCalibration();
		double pixelArea = cal.pixelWidth * cal.pixelHeight;
		for (SamRois.MaskRoi r : rois) {
			rt.incrementCounter();
			rt.addValue("Image", imp.getTitle());
			rt.addValue("Slice", plane.stackIndex(imp));
			rt.addValue("C", plane.channel);
			rt.addValue("Z", plane.slice);
			rt.addValue("T", plane.frame);
			rt.addValue("Prompt", r.roi.getProperty(SamRois.PROMPT));
			rt.addValue("Rank", r.mask.rank());
			rt.addValue("Scale", r.mask.scale().toString());
			rt.addValue("IoU", r.mask.iou());
			rt.addValue("Stability", r.mask.stability());
			rt.addValue("Area (pixels)", r.mask.area());
			rt.addValue("Area", r.mask.area() * pixelArea);
			rt.addValue("Unit", cal.getUnits() + "^2");
			int[] b = r.mask.bbox();
			rt.addValue("BX", b[0]);
			rt.addValue("BY", b[1]);
			rt.addValue("Width", b[2]);
			rt.addValue("Height", b[3]);
		}
		rt.setDecimalPlaces(rt.getColumnIndex("IoU"), 4);
		rt.setDecimalPlaces(rt.getColumnIndex("Stability"), 4);
		if (!GraphicsEnvironment.isHeadless()) rt.show(TITLE);
		return rt;
	}
}
