package io.github.samij.core.model;

import io.github.samij.core.SamException;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks an encoder's and a decoder's tensors against what their {@link ModelFamily} needs, and
 * names the mistake when a file is of the other family (a SAM 2 decoder beside a SAM 1 encoder) or
 * of a family SAM-IJ does not run. Each failure is one {@link SamException} naming the file, what
 * was expected and what was found. Stateless and thread-safe.
 */
final class SignatureChecks {

	private SignatureChecks() { }

	/** The decoder's inputs for the family: its features, the prompt, and SAM 1's image size. */
	static List<String> decoderInputs(ModelFamily family) {
		List<String> names = new ArrayList<>();
		family.features.forEach(f -> names.add(f.name));
		names.addAll(List.of("point_coords", "point_labels", "mask_input", "has_mask_input"));
		if (family.sam1Decoder) names.add("orig_im_size");
		return names;
	}

	/** The family a file's tensors belong to, or null when they fit none. */
	static ModelFamily familyOf(Signature s) {
		if (s.looksLikeSam2()) return ModelFamily.SAM2;
		if (s.looksLikeSam1Decoder() || s.sam1EncoderTensors() != null) return ModelFamily.SAM1;
		return null;
	}

	static void encoder(Signature s, ModelDescriptor d, ModelFamily family) {
		rejectUnsupported(s);
		mismatch(s, "Encoder", family);
		long[] in = s.inputs.get(d.encoder.input);
		if (family == ModelFamily.SAM2) {
			boolean fits = Signature.fits(in, -1, 3, 1024, 1024);
			for (ModelFamily.Feature f : family.features) fits &= Signature.fits(s.outputs.get(f.name), f.shape);
			if (!fits)
				throw new SamException("Encoder " + s.file + " is not a SAM 2 image encoder: expected input '" + d.encoder.input
					+ "' [1, 3, 1024, 1024] and outputs image_embed [1, 256, 64, 64], high_res_feats_0 [1, 32, 256, 256] and "
					+ "high_res_feats_1 [1, 64, 128, 128]; found " + s.describe() + ".");
			return;
		}
		long[] out = s.outputs.get(d.encoder.output);
		boolean inputFits = d.encoder.preprocessingInGraph ? Signature.fits(in, -1, -1, 3)
			: Signature.fits(in, -1, 3, 1024, 1024);
		if (!inputFits || !Signature.fits(out, -1, 256, 64, 64))
			throw new SamException("Encoder " + s.file + " does not match the descriptor: expected input '" + d.encoder.input
				+ "' " + (d.encoder.preprocessingInGraph ? "[H, W, 3]" : "[1, 3, 1024, 1024]") + " and output '"
				+ d.encoder.output + "' [1, 256, 64, 64]; found " + s.describe() + ".");
	}

	static void decoder(Signature s, ModelFamily family, String masks, String ious) {
		mismatch(s, "Decoder", family);
		List<String> expected = decoderInputs(family);
		boolean fits = s.inputs.keySet().containsAll(expected) && Signature.fits(s.outputs.get(masks), -1, 4, 256, 256)
			&& Signature.fits(s.outputs.get(ious), -1, 4);
		for (ModelFamily.Feature f : family.features) fits &= Signature.fits(s.inputs.get(f.name), f.shape);
		if (!fits)
			throw new SamException("Decoder " + s.file + " is not " + (family == ModelFamily.SAM1 ? "an official SAM" : "a SAM 2")
				+ " decoder export: expected inputs " + expected + ", and four masks [1, 4, 256, 256] and IoUs [1, 4]; found "
				+ s.describe() + ".");
	}

	/** Throws a clear "not supported" for model families SAM-IJ does not run (EfficientSAM). */
	static void rejectUnsupported(Signature s) {
		if (s.looksLikeEfficientSam())
			throw new SamException(s.file + " is an EfficientSAM export (" + s.describe() + "); EfficientSAM is not "
				+ "supported yet. Use a SAM 1 family model (SAM, MobileSAM, micro-sam), a SAM 2 model, or the default model.");
	}

	/** Throws when the file is plainly of the other family than the model's. */
	static void mismatch(Signature s, String role, ModelFamily family) {
		ModelFamily actual = familyOf(s);
		if (actual == null || actual == family) return;
		throw new SamException(role + " " + s.file + " is a " + actual.title + " " + role.toLowerCase(java.util.Locale.ROOT)
			+ ", but the model is " + family.title + " (family \"" + family.key + "\"): an encoder and a decoder must come "
			+ "from the same export. Put the matching " + actual.title + " " + (role.equals("Encoder") ? "decoder" : "encoder")
			+ " beside it, or fix the descriptor's \"family\".");
	}
}
