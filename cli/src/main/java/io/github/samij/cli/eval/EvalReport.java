package io.github.samij.cli.eval;

import io.github.samij.cli.Stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Summarises an evaluation: mIoU (mean over objects) for top-1, oracle, single and box, the
 * top-1 / oracle gap, counts and timings, overall and per image modality, and the ranking study.
 */
public final class EvalReport {

	/** The prompt modalities the protocol reports, in the order of the tables and the chart. */
	public static final String[] PROMPTS = { "top1", "oracle", "single", "box" };

	private EvalReport() { }

	public static Map<String, Object> summarise(String data, String model, List<Evaluation.ImageResult> images,
		List<Evaluation.ObjectResult> objects)
	{
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("protocol", "sample-data/dsb2018-dev/README.md: one click at the maximum of the object's interior Euclidean "
			+ "distance transform (pixels outside the object and beyond the image border are background; ties: first in "
			+ "raster order); multi-mask top-1 (highest predicted IoU) / oracle / single (token 0); box = tight bounding "
			+ "box (pixel edges), single mask; mIoU = mean over objects");
		m.put("data", data);
		m.put("model", model);
		m.put("images", images.size());
		m.put("objects", objects.size());
		m.put("miou", miou(objects));
		m.put("top1_oracle_gap", round(mean(objects, Evaluation.ObjectResult::oracle) - mean(objects, Evaluation.ObjectResult::top1)));
		m.put("top1_token_counts", tokenCounts(objects));
		m.put("timing_ms", timing(images, objects));

		Map<String, Object> byModality = new LinkedHashMap<>();
		for (String mod : new TreeSet<>(modalities(images))) {
			List<Evaluation.ObjectResult> sub = new ArrayList<>();
			for (Evaluation.ObjectResult o : objects) if (o.modality.equals(mod)) sub.add(o);
			int n = 0;
			for (Evaluation.ImageResult i : images) if (i.modality.equals(mod)) n++;
			Map<String, Object> e = new LinkedHashMap<>();
			e.put("images", n);
			e.put("objects", sub.size());
			e.put("miou", sub.isEmpty() ? null : miou(sub));
			e.put("top1_oracle_gap", sub.isEmpty() ? null
				: round(mean(sub, Evaluation.ObjectResult::oracle) - mean(sub, Evaluation.ObjectResult::top1)));
			byModality.put(mod, e);
		}
		m.put("by_modality", byModality);
		m.put("ranking_study", rankingStudy(images, objects));
		m.put("sensitivity", sensitivity(objects));

		List<Map<String, Object>> perImage = new ArrayList<>();
		for (Evaluation.ImageResult i : images) {
			List<Evaluation.ObjectResult> sub = new ArrayList<>();
			for (Evaluation.ObjectResult o : objects) if (o.image.equals(i.name)) sub.add(o);
			Map<String, Object> e = new LinkedHashMap<>();
			e.put("name", i.name);
			e.put("modality", i.modality);
			e.put("width", i.width);
			e.put("height", i.height);
			e.put("objects", i.objects);
			e.put("encode_ms", round1(i.encodeMs));
			e.put("miou", sub.isEmpty() ? null : miou(sub));
			perImage.add(e);
		}
		m.put("per_image", perImage);
		return m;
	}

	/** How much the two conventions the protocol leaves open move the numbers. */
	static Map<String, Object> sensitivity(List<Evaluation.ObjectResult> objects) {
		Map<String, Object> m = new LinkedHashMap<>();
		if (objects.isEmpty()) return m;
		int moved = 0, degenerate = 0;
		for (Evaluation.ObjectResult o : objects) {
			if (o.openBorderClickX != o.clickX || o.openBorderClickY != o.clickY) moved++;
			if (o.boxInclusiveDegenerate) degenerate++;
		}
		Map<String, Object> border = new LinkedHashMap<>();
		border.put("rule", "pixels beyond the image border are not background (distance transform of the unpadded mask)");
		border.put("objects_clicked_elsewhere", moved);
		Map<String, Object> b = new LinkedHashMap<>();
		b.put("top1", round(mean(objects, o -> o.openBorderIou[o.openBorderTop1Token])));
		b.put("oracle", round(mean(objects, o -> Math.max(o.openBorderIou[1], Math.max(o.openBorderIou[2], o.openBorderIou[3])))));
		b.put("single", round(mean(objects, o -> o.openBorderIou[0])));
		border.put("miou", b);
		m.put("border_not_background", border);
		Map<String, Object> box = new LinkedHashMap<>();
		box.put("rule", "box corners at the last pixel (maxX, maxY) instead of its far edge (maxX + 1, maxY + 1)");
		box.put("miou_box", round(mean(objects, o -> o.boxInclusiveIou)));
		box.put("objects_one_pixel_thin", degenerate);
		m.put("box_inclusive_corners", box);
		return m;
	}

	static Map<String, Object> miou(List<Evaluation.ObjectResult> objects) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("top1", round(mean(objects, Evaluation.ObjectResult::top1)));
		m.put("oracle", round(mean(objects, Evaluation.ObjectResult::oracle)));
		m.put("single", round(mean(objects, Evaluation.ObjectResult::single)));
		m.put("box", round(mean(objects, o -> o.boxIou)));
		return m;
	}

	private static Map<String, Object> tokenCounts(List<Evaluation.ObjectResult> objects) {
		int[] top = new int[4], best = new int[4];
		for (Evaluation.ObjectResult o : objects) {
			top[o.top1Token]++;
			int b = 1;
			for (int t = 2; t <= 3; t++) if (o.iou[t] > o.iou[b]) b = t;
			best[b]++;
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("ranked_first", new int[] { top[1], top[2], top[3] });
		m.put("best_against_ground_truth", new int[] { best[1], best[2], best[3] });
		m.put("note", "counts for tokens 1, 2, 3");
		return m;
	}

	private static Map<String, Object> timing(List<Evaluation.ImageResult> images, List<Evaluation.ObjectResult> objects) {
		Map<String, Object> m = new LinkedHashMap<>();
		List<Double> enc = new ArrayList<>(), encRun = new ArrayList<>(), multi = new ArrayList<>(), single = new ArrayList<>(),
			box = new ArrayList<>();
		for (Evaluation.ImageResult i : images) {
			enc.add(i.encodeMs);
			encRun.add(i.encodeSessionRunMs);
		}
		for (Evaluation.ObjectResult o : objects) {
			multi.add(o.pointMultiMs);
			single.add(o.pointSingleMs);
			box.add(o.boxMs);
		}
		if (!images.isEmpty()) {
			m.put("encode", medianP90(enc));
			m.put("encode_session_run", medianP90(encRun));
		}
		if (!objects.isEmpty()) {
			m.put("prompt_point_multi", medianP90(multi));
			m.put("prompt_point_single", medianP90(single));
			m.put("prompt_box", medianP90(box));
		}
		m.put("note", "wall-clock per call (Segmenter.encode, Segmenter.decode incl. upscaling to the image size) on a "
			+ "shared machine; image sizes differ");
		return m;
	}

	private static Map<String, Object> medianP90(List<Double> v) {
		Stats s = Stats.of(v);
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("median", round1(s.median()));
		m.put("p90", round1(s.p90()));
		m.put("n", s.count());
		return m;
	}

	/**
	 * Top-1 mIoU under each candidate rule, overall and per modality, with the change against SAM's
	 * rule and whether it raises the whole set without lowering any modality.
	 */
	static Map<String, Object> rankingStudy(List<Evaluation.ImageResult> images, List<Evaluation.ObjectResult> objects) {
		Map<String, Object> m = new LinkedHashMap<>();
		if (objects.isEmpty()) return m;
		List<String> mods = new ArrayList<>(new TreeSet<>(modalities(images)));
		double base = mean(objects, o -> o.iou[RankingRule.PREDICTED_IOU.choose(o)]);
		Map<String, Double> baseBy = new LinkedHashMap<>();
		for (String mod : mods) baseBy.put(mod, meanOf(objects, mod, RankingRule.PREDICTED_IOU));
		List<Map<String, Object>> rules = new ArrayList<>();
		for (RankingRule rule : RankingRule.candidates()) {
			Map<String, Object> e = new LinkedHashMap<>();
			e.put("rule", rule.name);
			e.put("description", rule.description);
			double all = mean(objects, o -> o.iou[rule.choose(o)]);
			e.put("top1", round(all));
			e.put("change", round(all - base));
			Map<String, Object> by = new LinkedHashMap<>();
			boolean noModalityLower = true;
			for (String mod : mods) {
				double v = meanOf(objects, mod, rule);
				by.put(mod, round(v));
				if (v < baseBy.get(mod) - 1e-12) noModalityLower = false;
			}
			e.put("top1_by_modality", by);
			e.put("raises_overall_and_lowers_no_modality", all > base + 1e-12 && noModalityLower);
			rules.add(e);
		}
		m.put("baseline", RankingRule.PREDICTED_IOU.name);
		m.put("oracle", round(mean(objects, Evaluation.ObjectResult::oracle)));
		m.put("rules", rules);
		return m;
	}

	private static double meanOf(List<Evaluation.ObjectResult> objects, String modality, RankingRule rule) {
		double s = 0;
		int n = 0;
		for (Evaluation.ObjectResult o : objects)
			if (o.modality.equals(modality)) {
				s += o.iou[rule.choose(o)];
				n++;
			}
		return n == 0 ? Double.NaN : s / n;
	}

	private static List<String> modalities(List<Evaluation.ImageResult> images) {
		List<String> m = new ArrayList<>();
		for (Evaluation.ImageResult i : images) m.add(i.modality);
		return m;
	}

	static double mean(List<Evaluation.ObjectResult> objects, ToDoubleFunction<Evaluation.ObjectResult> f) {
		double s = 0;
		for (Evaluation.ObjectResult o : objects) s += f.applyAsDouble(o);
		return objects.isEmpty() ? Double.NaN : s / objects.size();
	}

	static double round(double v) {
		return Math.round(v * 10000) / 10000.0;
	}

	private static double round1(double v) {
		return Math.round(v * 10) / 10.0;
	}

	/** One CSV row per object: everything needed to recompute any number of the report. */
	public static String csv(List<Evaluation.ObjectResult> objects) {
		StringBuilder s = new StringBuilder("image,modality,label,area,click_x,click_y,box_x0,box_y0,box_x1,box_y1,top1_token");
		for (int t = 0; t <= 3; t++)
			s.append(String.format(Locale.ROOT, ",iou_%d,pred_iou_%d,stability_%d,mask_area_%d,click_depth_%d", t, t, t, t, t));
		s.append(",box_iou,box_pred_iou,point_multi_ms,point_single_ms,box_ms");
		s.append(",open_border_click_x,open_border_click_y,open_border_top1_token,open_border_iou_0,open_border_iou_1");
		s.append(",open_border_iou_2,open_border_iou_3,box_inclusive_iou\n");
		for (Evaluation.ObjectResult o : objects) {
			s.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%d,%d,%d,%d,%d,%d", o.image, o.modality, o.label, o.area,
				o.clickX, o.clickY, o.box[0], o.box[1], o.box[2], o.box[3], o.top1Token));
			for (int t = 0; t <= 3; t++)
				s.append(String.format(Locale.ROOT, ",%.6f,%.6f,%.6f,%d,%.4f", o.iou[t], o.predictedIou[t], o.stability[t],
					o.maskArea[t], o.clickDepth[t]));
			s.append(String.format(Locale.ROOT, ",%.6f,%.6f,%.2f,%.2f,%.2f", o.boxIou, o.boxPredictedIou, o.pointMultiMs,
				o.pointSingleMs, o.boxMs));
			s.append(String.format(Locale.ROOT, ",%d,%d,%d,%.6f,%.6f,%.6f,%.6f,%.6f%n", o.openBorderClickX, o.openBorderClickY,
				o.openBorderTop1Token, o.openBorderIou[0], o.openBorderIou[1], o.openBorderIou[2], o.openBorderIou[3],
				o.boxInclusiveIou));
		}
		return s.toString();
	}
}
