package io.github.samij.ij.output;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ShortProcessor;

import io.github.samij.core.SamException;
import io.github.samij.core.instances.Instances;
import io.github.samij.core.mask.Mask;
import io.github.samij.ij.Plane;

/**
 * A 16-bit label image with one plane per slice and frame of a source image (one channel): each
 * object gets its own label, 0 is background. Masks painted one by one ({@link #paint}) get labels
 * 1, 2, … across the stack, later ones over earlier ones where masks overlap; a Segment All result
 * is put into its plane whole ({@link #put}), labelled 1..K on each plane, and past 65,535 objects on
 * a plane the label image becomes 32-bit. Use from one thread.
 */
public final class LabelImage {

	private final ImagePlus labels;
	private final ImagePlus source;
	private int next = 1;
	/** Objects put by {@link #put}, over all planes, and the highest label among them. */
	private int objects;
	private int highest;

	/** An empty label image sized and calibrated like {@code source}. */
	public LabelImage(ImagePlus source) {
		this.source = source;
		int slices = source.getNSlices(), frames = source.getNFrames();
		ImageStack stack = new ImageStack(source.getWidth(), source.getHeight());
		for (int i = 0; i < slices * frames; i++)
			stack.addSlice(new ShortProcessor(source.getWidth(), source.getHeight()));
		labels = new ImagePlus(withoutExtension(source.getTitle()) + "-SAM-labels", stack);
		labels.setDimensions(1, slices, frames);
		if (slices > 1 && frames > 1) labels.setOpenAsHyperStack(true);
		Calibration cal = source.getCalibration().copy();
		labels.setCalibration(cal);
	}

	/**
	 * What a macro gets from {@code File.getNameWithoutExtension(getTitle())}: everything before
	 * the last dot, spaces kept (ImageJ's short title also drops spaces), so a macro can name the
	 * label image ("x.czi #1" gives "x-SAM-labels").
	 */
	static String withoutExtension(String title) {
		String name = new java.io.File(title).getName();
		int dot = name.lastIndexOf('.');
		return dot >= 0 ? name.substring(0, dot) : name;
	}

	/** Paints a mask on {@code plane} with the next label; returns that label. */
	public int paint(Plane plane, Mask mask) {
		int label = next++;
		if (label > 65535) throw new SamException("More than 65535 objects do not fit a 16-bit label image.");
		short[] pixels = (short[]) labels.getStack().getProcessor(labels.getStackIndex(1, plane.slice, plane.frame)).getPixels();
		int[] w = mask.window();
		byte[] inside = mask.pixels();
		int width = labels.getWidth();
		for (int j = 0; j < w[3]; j++)
			for (int k = 0; k < w[2]; k++)
				if (inside[j * w[2] + k] != 0) pixels[(w[1] + j) * width + w[0] + k] = (short) label;
		return label;
	}

	/**
	 * Writes the objects of a Segment All result into {@code plane}, replacing what it held; the
	 * whole label image becomes 32-bit if they need more labels than 16 bits hold.
	 */
	public void put(Plane plane, Instances found) {
		if (!found.fits16Bit() && labels.getBitDepth() == 16) {
			ImageStack floats = new ImageStack(labels.getWidth(), labels.getHeight());
			for (int i = 1; i <= labels.getStackSize(); i++) floats.addSlice(labels.getStack().getProcessor(i).convertToFloat());
			labels.setStack(floats, 1, labels.getNSlices(), labels.getNFrames());
		}
		Object pixels = labels.getStack().getProcessor(labels.getStackIndex(1, plane.slice, plane.frame)).getPixels();
		int[] l = found.labels();
		if (pixels instanceof short[]) for (int i = 0; i < l.length; i++) ((short[]) pixels)[i] = (short) l[i];
		else for (int i = 0; i < l.length; i++) ((float[]) pixels)[i] = l[i];
		objects += found.count();
		highest = Math.max(highest, found.count());
	}

	/** How many labels were painted, or objects put. */
	public int count() {
		return next - 1 + objects;
	}

	/** The label image, display range set to its labels. */
	public ImagePlus image() {
		labels.setDisplayRange(0, Math.max(1, Math.max(next - 1, highest)));
		return labels;
	}

	/** The image these labels belong to. */
	public ImagePlus source() {
		return source;
	}
}
