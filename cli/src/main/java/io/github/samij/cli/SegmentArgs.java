package io.github.samij.cli;

import io.github.samij.core.SamException;
import io.github.samij.core.mask.Ranking;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.nio.file.Path;
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
	ModelChoice model = ModelChoice.DEFAULT;
	Path out;
	RangeChoice range = RangeChoice.PERCENTILE;
	boolean rangeGiven;

	/** The options of {@code sam-ij segment}. */
	static final Options OPTIONS = ModelChoice.declare(new Options("segment").value("--image", "FILE").values("--point", "X,Y")
		.value("--box", "X0,Y0,X1,Y1").value("--mode", "auto|multi|single").value("--ranking", "predicted_iou|smallest_confident")
		.value("--crop", "PIXELS").value("--out", "DIR").value("--range", "percentile|minmax|MIN,MAX"));

	/** Parses the arguments after {@code segment}; checks syntax and that the required options are there. */
	public static SegmentArgs parse(List<String> args) {
		return of(OPTIONS.parse(args));
	}

	/** The options given; checks syntax and that the required options are there. */
	static SegmentArgs of(Options.Values o) {
		SegmentArgs a = new SegmentArgs();
		a.image = o.path("--image");
		for (String p : o.all("--point")) a.points.add(point(p));
		if (o.has("--box")) a.box = box(o.get("--box"));
		if (o.has("--mode")) a.mode = mode(o.get("--mode"));
		if (o.has("--ranking")) a.ranking = ranking(o.get("--ranking"));
		a.crop = o.integer("--crop", 0, 0, "0 (the whole image) or a size in pixels");
		a.model = ModelChoice.of(o);
		a.out = o.path("--out");
		a.rangeGiven = o.has("--range");
		if (a.rangeGiven) a.range = RangeChoice.parse(o.get("--range"));
		if (a.image == null) throw new UsageException("missing --image FILE: the image to segment (see 'sam-ij help')");
		if (a.points.isEmpty() && a.box == null)
			throw new UsageException("missing prompt: give --point X,Y (a click) or --box X0,Y0,X1,Y1 (see 'sam-ij help')");
		if (!a.prompt().hasForeground())
			throw new UsageException("All points are background (:0); add at least one foreground point (--point X,Y or "
				+ "X,Y:1), or a box");
		if (a.out == null)
			throw new UsageException("missing --out DIR: the folder for result.json, the mask PNGs and overlay.png");
		return a;
	}

	/** The prompt the options describe: the points in the order given, then the box. */
	public Prompt prompt() {
		return Prompt.of(points, box);
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

	private static Ranking ranking(String text) {
		try {
			return Ranking.parse(text);
		}
		catch (SamException e) {
			throw new UsageException("--ranking expects predicted_iou or smallest_confident, got '" + text + "'");
		}
	}
}
