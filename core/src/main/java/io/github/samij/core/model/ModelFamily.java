package io.github.samij.core.model;

import io.github.samij.core.image.Framing;

import java.util.List;

/**
 * What differs between the model families SAM-IJ runs, and nothing else: how the image is framed,
 * which tensors the encoder hands the decoder, and the decoder's conventions. Ranking, stability,
 * crops, outlines, stacks, Segment All and ROIs are the same for every family.
 * <ul>
 * <li>{@link #SAM1}: SAM, MobileSAM, micro-sam (the official decoder export): one embedding, the
 * decoder takes the image size and expects a padding point when there is no box.</li>
 * <li>{@link #SAM2}: SAM 2 (samexporter-style export): the embedding and two high-resolution
 * feature maps, a stretched frame, no image size; the decoder pads the points itself.</li>
 * </ul>
 */
public enum ModelFamily {

	SAM1("sam1", "SAM 1", Framing.LONGEST_SIDE, List.of(new Feature("image_embeddings", 1, 256, 64, 64)), true),
	SAM2("sam2", "SAM 2", Framing.STRETCHED, List.of(new Feature("image_embed", 1, 256, 64, 64),
		new Feature("high_res_feats_0", 1, 32, 256, 256), new Feature("high_res_feats_1", 1, 64, 128, 128)), false);

	/** One tensor the encoder makes and the decoder takes, by the decoder's input name. */
	public static final class Feature {
		public final String name;
		final long[] shape;

		Feature(String name, long... shape) {
			this.name = name;
			this.shape = shape;
		}

		/** Floats in the tensor. */
		public int floats() {
			long n = 1;
			for (long d : shape) n *= d;
			return (int) n;
		}
	}

	/** The descriptor's {@code "family"} value. */
	public final String key;
	/** For messages. */
	public final String title;
	public final Framing framing;
	/** The encoder's outputs, in the order an {@link io.github.samij.core.Embedding} holds them. */
	public final List<Feature> features;
	/**
	 * {@code true}: the decoder takes {@code orig_im_size} and the caller ends a prompt without a box
	 * with a padding point; {@code false}: neither (the graph pads).
	 */
	final boolean sam1Decoder;

	ModelFamily(String key, String title, Framing framing, List<Feature> features, boolean sam1Decoder) {
		this.key = key;
		this.title = title;
		this.framing = framing;
		this.features = features;
		this.sam1Decoder = sam1Decoder;
	}

	/** The family with this descriptor key, or null. */
	static ModelFamily of(String key) {
		for (ModelFamily f : values()) if (f.key.equals(key)) return f;
		return null;
	}

	/**
	 * The token a single-mask prompt returns, from the four low-res masks [4 × 256 × 256] and IoUs.
	 * SAM 1: token 0. SAM 2, as its image predictor does: token 0 while it is stable (the area at
	 * logit > 0.05 is at least 98 % of the area at > −0.05), else the multi-mask token with the
	 * highest predicted IoU.
	 */
	public int singleMaskToken(float[] lowResMasks, float[] iou) {
		if (this == SAM1) return 0;
		int plane = lowResMasks.length / 4;
		long inner = 0, outer = 0;
		for (int i = 0; i < plane; i++) {
			float v = lowResMasks[i];
			if (v > 0.05f) inner++;
			if (v > -0.05f) outer++;
		}
		if (outer == 0 || inner >= 0.98 * outer) return 0;
		int best = 1;
		for (int t = 2; t < 4; t++) if (iou[t] > iou[best]) best = t;
		return best;
	}

	/** Whether a prompt without a box ends with the padding point (0, 0) labelled −1. */
	public boolean padsPrompts() {
		return sam1Decoder;
	}
}
