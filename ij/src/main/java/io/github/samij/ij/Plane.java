package io.github.samij.ij;

import ij.ImagePlus;
import ij.gui.Roi;

/**
 * One plane of an image, by ImageJ's 1-based channel, slice and frame (a plain stack counts its
 * images as slices). A value: equal positions are equal planes. Immutable and thread-safe.
 */
public final class Plane {

	public final int channel;
	public final int slice;
	public final int frame;

	/** @throws IllegalArgumentException unless every position is 1 or more (ImageJ counts from 1) */
	public Plane(int channel, int slice, int frame) {
		if (channel < 1 || slice < 1 || frame < 1)
			throw new IllegalArgumentException("c" + channel + " z" + slice + " t" + frame + " is no plane: ImageJ counts from 1");
		this.channel = channel;
		this.slice = slice;
		this.frame = frame;
	}

	/** The plane the image shows now. */
	public static Plane current(ImagePlus imp) {
		int[] p = imp.convertIndexToPosition(imp.getCurrentSlice());
		return new Plane(p[0], p[1], p[2]);
	}

	/** The plane at a 1-based stack index. */
	public static Plane ofIndex(ImagePlus imp, int stackIndex) {
		int[] p = imp.convertIndexToPosition(stackIndex);
		return new Plane(p[0], p[1], p[2]);
	}

	/** This plane's 1-based stack index in {@code imp}. */
	public int stackIndex(ImagePlus imp) {
		return imp.getStackIndex(channel, slice, frame);
	}

	/** This plane with another channel. */
	public Plane withChannel(int c) {
		return new Plane(c, slice, frame);
	}

	/**
	 * Positions a ROI on this plane (set before adding it: the ROI Manager would otherwise take
	 * whatever plane is current then). Hyperstacks and time series get C, Z and T (a plain z-stack
	 * the stack index); with several channels the
	 * channel is left 0 (all channels), since the mask belongs to the object, not to one channel.
	 */
	public void apply(Roi roi, ImagePlus imp) {
		if (imp.isHyperStack() || imp.getNChannels() > 1 || imp.getNFrames() > 1)
			roi.setPosition(imp.getNChannels() > 1 ? 0 : channel, slice, frame);
		else if (imp.getStackSize() > 1)
			roi.setPosition(stackIndex(imp));
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof Plane)) return false;
		Plane p = (Plane) o;
		return channel == p.channel && slice == p.slice && frame == p.frame;
	}

	@Override
	public int hashCode() {
		return (channel * 31 + slice) * 31 + frame;
	}

	@Override
	public String toString() {
		return "c" + channel + " z" + slice + " t" + frame;
	}
}
