package io.github.samij.cli;

import io.github.samij.core.SamException;
import io.github.samij.core.mask.Ranking;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parsed options of {@code sam-ij segment}; see {@link Usage} for what each means. */
public final class SegmentArgs {

	private static final String NUMBER = "\\s*([-+0-9.eE]+)\\s*";
	private static final Pattern POINT = Pattern.compile(NUMBER + "," + NUMBER + "(?::\\s*([01])\\s*)?");
	private static final Pattern BOX = Pattern.compile(NUMBER + "," + NUMBER + "," + NUMBER + "," + NUMBER);

	Path image;
	final List<Prompt.Point> points = new ArrayList<>();
	Prompt.Box box;
	MaskMode mode = MaskMode.AUTO;
	Ranking ranking = Ranking.PREDICTED_IOU;
	int crop;
	boolean cropGiven;
	Path model;
	Path out;
	RangeChoice range = RangeChoice.PERCENTILE;
	boolean rangeGiven;
	boolean help;

	/** Parses the arguments after {@code segment}; checks syntax and that the required options are there. */
	public static SegmentArgs parse(List<String> args) {
		SegmentArgs a = new SegmentArgs();
		OptionReader r = new OptionReader("segment", args);
		boolean modeGiven = false, rankingGiven = false;
		while (r.hasNext()) {
			switch (r.nextOption()) {
				case "--help":
					a.help = true;
					return a;
				case "--image":
					if (a.image != null) throw r.twice();
					a.image = path(r.value("FILE"), "--image");
					break;
				case "--point":
					a.points.add(point(r.value("X,Y")));
					break;
				case "--box":
					if (a.box != null) throw r.twice();
					a.box = box(r.value("X0,Y0,X1,Y1"));
					break;
				case "--mode":
					if (modeGiven) throw r.twice();
					modeGiven = true;
					a.mode = mode(r.value("auto|multi|single"));
					break;
				case "--ranking":
					if (rankingGiven) throw r.twice();
					rankingGiven = true;
					a.ranking = ranking(r.value("predicted_iou|smallest_confident"));
					break;
				case "--crop":
					if (a.cropGiven) throw r.twice();
					a.cropGiven = true;
					a.crop = crop(r.value("PIXELS"));
					break;
				case "--model":
					if (a.model != null) throw r.twice();
					a.model = path(r.value("DIR"), "--model");
					break;
				case "--out":
					if (a.out != null) throw r.twice();
					a.out = path(r.value("DIR"), "--out");
					break;
				case "--range":
					if (a.rangeGiven) throw r.twice();
					a.rangeGiven = true;
					a.range = RangeChoice.parse(r.value("percentile|minmax|MIN,MAX"));
					break;
				default:
					throw r.unknown();
			}
		}
		if (a.image == null) throw new UsageException("missing --image FILE: the image to segment (see 'sam-ij help')");
		if (a.points.isEmpty() && a.box == null)
			throw new UsageException("missing prompt: give --point X,Y (a click) or --box X0,Y0,X1,Y1 (see 'sam-ij help')");
		if (a.out == null)
			throw new UsageException("missing --out DIR: the folder for result.json, the mask PNGs and overlay.png");
		return a;
	}

	/** The prompt the options describe: the points in the order given, then the box. */
	public Prompt prompt() {
		Prompt p = points.isEmpty() ? Prompt.box(box.x0, box.y0, box.x1, box.y1) : Prompt.points(points);
		return box != null && !points.isEmpty() ? p.withBox(box.x0, box.y0, box.x1, box.y1) : p;
	}

	static Prompt.Point point(String text) {
		Matcher m = POINT.matcher(text);
		double[] xy = m.matches() ? numbers(m, 2) : null;
		if (xy == null) throw new UsageException("--point expects X,Y or X,Y:0|1, got '" + text + "'");
		return new Prompt.Point(xy[0], xy[1], m.group(3) == null || m.group(3).equals("1"));
	}

	static Prompt.Box box(String text) {
		Matcher m = BOX.matcher(text);
		double[] c = m.matches() ? numbers(m, 4) : null;
		if (c == null) throw new UsageException("--box expects X0,Y0,X1,Y1 (two opposite corners), got '" + text + "'");
		return new Prompt.Box(c[0], c[1], c[2], c[3]);
	}

	private static double[] numbers(Matcher m, int n) {
		double[] v = new double[n];
		for (int i = 0; i < n; i++) {
			try {
				v[i] = Double.parseDouble(m.group(i + 1));
			}
			catch (NumberFormatException e) {
				return null;
			}
			if (!Double.isFinite(v[i])) return null;
		}
		return v;
	}

	private static MaskMode mode(String text) {
		try {
			return MaskMode.parse(text);
		}
		catch (SamException e) {
			throw new UsageException("--mode expects auto, multi or single, got '" + text + "'");
		}
	}

	private static int crop(String text) {
		try {
			int v = Integer.parseInt(text.trim());
			if (v >= 0) return v;
		}
		catch (NumberFormatException e) {
			// the message below
		}
		throw new UsageException("--crop expects 0 (the whole image) or a size in pixels, got '" + text + "'");
	}

	private static Ranking ranking(String text) {
		try {
			return Ranking.parse(text);
		}
		catch (SamException e) {
			throw new UsageException("--ranking expects predicted_iou or smallest_confident, got '" + text + "'");
		}
	}

	private static Path path(String text, String option) {
		if (text.isBlank()) throw new UsageException(option + " is empty; give a path");
		try {
			return Paths.get(text);
		}
		catch (java.nio.file.InvalidPathException e) {
			throw new UsageException(option + " '" + text + "' is not a valid path: " + e.getReason());
		}
	}
}
