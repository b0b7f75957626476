package io.github.samij.ij.output;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.macro.Interpreter;
import ij.plugin.frame.RoiManager;

import io.github.samij.ij.SegmentSettings;
import io.github.samij.ij.convert.SamRois;

import java.awt.GraphicsEnvironment;
import java.util.List;

/**
 * Where SAM's ROIs go: the one place that adds them to the ROI Manager (the open one, the hidden
 * one of a batch-mode macro, or a new window) or to an image's overlay. The ROI Manager is only ever
 * appended to, with a copy of each ROI, positioned as the ROI is (not as the image's current plane),
 * and nothing is recorded. Call from one thread at a time (ImageJ's ROI Manager is not
 * thread-safe).
 */
public final class RoiOutput {

	private RoiOutput() { }

	/**
	 * The open ROI Manager, the hidden one of a batch-mode macro (so {@code roiManager("count")}
	 * sees our ROIs), a new window, or {@code null} without any display.
	 */
	public static RoiManager manager() {
		if (GraphicsEnvironment.isHeadless()) return null; // the ROI Manager is a window, even the batch-mode one
		RoiManager rm = RoiManager.getInstance();
		if (rm == null && Interpreter.isBatchMode()) rm = Interpreter.getBatchModeRoiManager();
		return rm != null ? rm : RoiManager.getRoiManager();
	}

	/**
	 * Appends a copy of {@code roi} to the ROI Manager and returns the copy.
	 *
	 * @throws io.github.samij.core.SamException without a display (there is no ROI Manager)
	 */
	public static Roi addToManager(ImagePlus imp, Roi roi) {
		RoiManager rm = manager();
		if (rm == null) throw new io.github.samij.core.SamException("There is no ROI Manager without a display; use the "
			+ "image's overlay instead.");
		Roi copy = (Roi) roi.clone();
		rm.add(imp, copy, -1); // appends; records nothing
		return copy;
	}

	/**
	 * Adds the ROIs where the settings say: the ROI Manager and/or the overlay (the overlay only,
	 * without a display). Returns where they went, e.g. "ROI Manager and overlay".
	 */
	public static String add(ImagePlus imp, List<SamRois.MaskRoi> rois, SegmentSettings settings) {
		boolean toOverlay = settings.toOverlay;
		RoiManager rm = settings.toRoiManager ? manager() : null;
		if (settings.toRoiManager && rm == null) toOverlay = true; // no display and no batch-mode macro: the overlay is the only home
		if (rm != null)
			for (SamRois.MaskRoi r : rois) addToManager(imp, r.roi);
		if (toOverlay) {
			Overlay overlay = imp.getOverlay() != null ? imp.getOverlay() : new Overlay();
			for (SamRois.MaskRoi r : rois) overlay.add((Roi) r.roi.clone());
			imp.setOverlay(overlay);
		}
		return rm != null && toOverlay ? "ROI Manager and overlay" : rm != null ? "ROI Manager"
			: settings.toRoiManager ? "overlay (no display for the ROI Manager)" : "overlay";
	}
}
