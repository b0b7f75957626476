package io.github.samij.cli.eval;

import io.github.samij.core.Progress;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.instances.Instances;
import io.github.samij.core.instances.SegmentAll;

/**
 * Scores Segment All and the classical baseline ({@link OtsuBaseline}) on one image with
 * ground-truth instance labels, side by side (sample-data/dsb2018-dev/README.md, "Instance
 * segmentation"). Not thread-safe; one image at a time.
 */
public final class InstanceEvaluation {

	/** One image's result: both methods' scores and seconds. Public fields for the JSON report. */
	public static final class ImageResult {
		public String name;
		public String modality;
		public int width;
		public int height;
		public int objects;
		public Method sam = new Method();
		public Method otsu = new Method();
		/** What Segment All did: prompts found, skipped, decoded; seed side. */
		public int prompts;
		public int skipped;
		public int decoded;
		public Boolean bright;
		public double encodeSeconds;
	}

	/** One method on one image. */
	public static final class Method {
		public int predicted;
		public int tp50;
		public double ap50;
		public double ap;
		public double f1;
		public double[] apByThreshold;
		public double seconds;
	}

	private final SegmentAll segmentAll;

	public InstanceEvaluation(SegmentAll segmentAll) {
		this.segmentAll = segmentAll;
	}

	/**
	 * Both methods on one image.
	 *
	 * @param truth ground-truth labels, row-major
	 * @param labelsOut if not null, receives the two label images {SAM, Otsu}
	 */
	public ImageResult run(String name, String modality, SamImage image, int[] truth, int[][] labelsOut) {
		ImageResult r = new ImageResult();
		r.name = name;
		r.modality = modality;
		r.width = image.width();
		r.height = image.height();
		long t0 = System.nanoTime();
		Instances found = segmentAll.run(image, Progress.NONE, () -> false);
		long t1 = System.nanoTime();
		int[] otsu = OtsuBaseline.segment(image, brightObjects(modality));
		long t2 = System.nanoTime();
		InstanceScore sam = InstanceScore.of(found.labels(), truth), classical = InstanceScore.of(otsu, truth);
		r.objects = sam.truth;
		fill(r.sam, sam, (t1 - t0) / 1e9);
		fill(r.otsu, classical, (t2 - t1) / 1e9);
		r.prompts = found.run().points;
		r.skipped = found.run().skipped;
		r.decoded = found.run().decoded;
		r.bright = found.run().bright;
		r.encodeSeconds = found.run().encodeSeconds;
		if (labelsOut != null) {
			labelsOut[0] = found.labels();
			labelsOut[1] = otsu;
		}
		return r;
	}

	/** The baseline's side: bright objects on fluorescence, dark on stained and bright-field; else {@code null} (the minority side). */
	static Boolean brightObjects(String modality) {
		if (modality.equalsIgnoreCase("fluorescence")) return true;
		if (modality.equalsIgnoreCase("stained") || modality.equalsIgnoreCase("brightfield")) return false;
		return null;
	}

	private static void fill(Method m, InstanceScore s, double seconds) {
		m.predicted = s.predicted;
		m.tp50 = s.tp[0];
		m.ap50 = s.ap(0);
		m.ap = s.meanAp();
		m.f1 = s.f1(0);
		m.apByThreshold = new double[InstanceScore.THRESHOLDS.length];
		for (int k = 0; k < m.apByThreshold.length; k++) m.apByThreshold[k] = s.ap(k);
		m.seconds = seconds;
	}
}
