package io.github.samij.cli.eval;

import io.github.samij.core.mask.Ranking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A rule choosing the top-1 mask among the three multi-mask outputs of a click from what the
 * pipeline knows without ground truth: predicted IoU, stability score, mask area, and where the
 * click lies in the mask. SAM's own rule is {@link #PREDICTED_IOU}; the others are the candidates
 * of the ranking study in docs/accuracy.md. Ties go to the lower token.
 */
public abstract class RankingRule {

	public final String name;
	public final String description;

	RankingRule(String name, String description) {
		this.name = name;
		this.description = description;
	}

	/** Higher is better. */
	abstract double score(Evaluation.ObjectResult r, int token);

	/** The chosen token, 1..3. */
	public int choose(Evaluation.ObjectResult r) {
		int best = 1;
		for (int t = 2; t <= 3; t++) if (score(r, t) > score(r, best)) best = t;
		return best;
	}

	/** SAM's rule: the highest predicted IoU. */
	public static final RankingRule PREDICTED_IOU = new RankingRule("predicted_iou", "highest predicted IoU (SAM, the default)") {
		@Override
		double score(Evaluation.ObjectResult r, int t) {
			return r.predictedIou[t];
		}
	};

	/** The core's rule ({@link Ranking#order}) on tokens 1..3: the token it ranks first. */
	private static int smallestConfident(Evaluation.ObjectResult r, double margin) {
		float[] iou = { r.predictedIou[1], r.predictedIou[2], r.predictedIou[3] };
		long[] area = { r.maskArea[1], r.maskArea[2], r.maskArea[3] };
		return 1 + Ranking.order(iou, area, margin)[0];
	}

	/** The candidates of the ranking study, SAM's rule first. */
	public static List<RankingRule> candidates() {
		List<RankingRule> rules = new ArrayList<>();
		rules.add(PREDICTED_IOU);
		rules.add(new RankingRule("stability", "highest stability score") {
			@Override
			double score(Evaluation.ObjectResult r, int t) {
				return r.stability[t];
			}
		});
		rules.add(new RankingRule("iou_x_stability", "highest predicted IoU × stability") {
			@Override
			double score(Evaluation.ObjectResult r, int t) {
				return r.predictedIou[t] * r.stability[t];
			}
		});
		for (double gate : new double[] { 0.9, 0.95 })
			rules.add(new RankingRule(String.format(Locale.ROOT, "stable_%.2f_then_iou", gate),
				String.format(Locale.ROOT, "highest predicted IoU among masks with stability >= %.2f (all if none)", gate)) {
				@Override
				double score(Evaluation.ObjectResult r, int t) {
					boolean anyStable = r.stability[1] >= gate || r.stability[2] >= gate || r.stability[3] >= gate;
					return (!anyStable || r.stability[t] >= gate ? 1 : 0) * 10 + r.predictedIou[t];
				}
			});
		for (double margin : new double[] { 0.02, Ranking.MARGIN, 0.1 })
			rules.add(new RankingRule(String.format(Locale.ROOT, "smallest_within_%.2f", margin),
				String.format(Locale.ROOT, "the smallest mask whose predicted IoU is within %.2f of the highest", margin)
					+ (margin == Ranking.MARGIN ? " (Ranking.SMALLEST_CONFIDENT, the option kept)" : "")) {
				@Override
				double score(Evaluation.ObjectResult r, int t) {
					return t == smallestConfident(r, margin) ? 1 : 0;
				}
			});
		rules.add(new RankingRule("iou_x_click_depth", "highest predicted IoU × click depth (click's distance to the mask "
			+ "edge ÷ the mask's largest)") {
			@Override
			double score(Evaluation.ObjectResult r, int t) {
				return r.predictedIou[t] * r.clickDepth[t];
			}
		});
		rules.add(new RankingRule("iou_plus_click_depth", "highest predicted IoU + 0.5 × click depth") {
			@Override
			double score(Evaluation.ObjectResult r, int t) {
				return r.predictedIou[t] + 0.5 * r.clickDepth[t];
			}
		});
		rules.add(new RankingRule("iou_minus_area_fraction", "highest predicted IoU − mask area ÷ image area") {
			@Override
			double score(Evaluation.ObjectResult r, int t) {
				return r.predictedIou[t] - (double) r.maskArea[t] / r.imageArea;
			}
		});
		return rules;
	}
}
