package io.github.samij.cli.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How well a predicted instance label image matches the ground truth, scored as in the DSB 2018
 * challenge and the StarDist and Cellpose papers: objects matched one to one at IoU ≥ t, TP the
 * matched pairs, FP the unmatched predictions, FN the unmatched ground-truth objects;
 * AP_t = TP / (TP + FP + FN) and F1_t = 2 TP / (2 TP + FP + FN), for t = 0.5, 0.55, …, 0.95.
 * Pairs are matched greedily from the highest IoU down (for t ≥ 0.5 a match is unique anyway).
 * Immutable.
 */
public final class InstanceScore {

	/** The thresholds: 0.5, 0.55, …, 0.95. */
	public static final double[] THRESHOLDS = { 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95 };

	public final int predicted;
	public final int truth;
	/** TP per threshold of {@link #THRESHOLDS}. */
	public final int[] tp;

	private InstanceScore(int predicted, int truth, int[] tp) {
		this.predicted = predicted;
		this.truth = truth;
		this.tp = tp;
	}

	/** Scores {@code predicted} against {@code truth}: label images of equal size, 0 background, any positive labels. */
	public static InstanceScore of(int[] predicted, int[] truth) {
		if (predicted.length != truth.length) throw new IllegalArgumentException("label images of different sizes");
		Map<Integer, Long> areaP = new HashMap<>(), areaT = new HashMap<>();
		Map<Long, Long> overlap = new HashMap<>();
		for (int i = 0; i < truth.length; i++) {
			int p = predicted[i], t = truth[i];
			if (p > 0) areaP.merge(p, 1L, Long::sum);
			if (t > 0) areaT.merge(t, 1L, Long::sum);
			if (p > 0 && t > 0) overlap.merge(((long) p << 32) | t, 1L, Long::sum);
		}
		List<double[]> pairs = new ArrayList<>(); // iou, p, t
		for (Map.Entry<Long, Long> e : overlap.entrySet()) {
			int p = (int) (e.getKey() >>> 32), t = (int) (long) e.getKey();
			double inter = e.getValue();
			pairs.add(new double[] { inter / (areaP.get(p) + areaT.get(t) - inter), p, t });
		}
		pairs.sort((a, b) -> Double.compare(b[0], a[0]));
		int[] tp = new int[THRESHOLDS.length];
		for (int k = 0; k < THRESHOLDS.length; k++) {
			java.util.Set<Integer> usedP = new java.util.HashSet<>(), usedT = new java.util.HashSet<>();
			for (double[] pair : pairs) {
				if (pair[0] < THRESHOLDS[k]) break;
				int p = (int) pair[1], t = (int) pair[2];
				if (usedP.contains(p) || usedT.contains(t)) continue;
				usedP.add(p);
				usedT.add(t);
				tp[k]++;
			}
		}
		return new InstanceScore(areaP.size(), areaT.size(), tp);
	}

	/** AP at threshold index {@code k}; 1 when both images are empty. */
	public double ap(int k) {
		int fp = predicted - tp[k], fn = truth - tp[k];
		return tp[k] + fp + fn == 0 ? 1 : (double) tp[k] / (tp[k] + fp + fn);
	}

	/** AP averaged over the thresholds 0.5 … 0.95. */
	public double meanAp() {
		double s = 0;
		for (int k = 0; k < THRESHOLDS.length; k++) s += ap(k);
		return s / THRESHOLDS.length;
	}

	/** F1 at threshold index {@code k}; 1 when both images are empty. */
	public double f1(int k) {
		int fp = predicted - tp[k], fn = truth - tp[k];
		return 2 * tp[k] + fp + fn == 0 ? 1 : 2.0 * tp[k] / (2 * tp[k] + fp + fn);
	}
}
