package io.github.samij.cli.eval;

import io.github.samij.core.Embedding;
import io.github.samij.core.Segmenter;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.MaskGeometry;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.model.SamModel;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.util.ArrayList;
import java.util.List;

/**
 * The evaluation protocol (sample-data/dsb2018-dev/README.md) on one image: for every ground-truth
 * object, one positive click at the maximum of its interior distance transform ({@link ClickPoint}),
 * decoded in multi-mask mode (tokens 1..3, and the single-mask token 0 of the same click), and the
 * object's tight bounding box decoded in single-mask mode; each mask's IoU with the object.
 * <p>
 * <b>Coordinates.</b> A click at pixel (x, y) is the prompt point (x, y): SAM's prompt encoder adds
 * the half pixel itself, as for clicks in ImageJ. The box is the object's pixel extent as edges,
 * (minX, minY) to (maxX + 1, maxY + 1), exactly as a rectangle drawn around the object in ImageJ
 * becomes a prompt here, and as micro-sam derives boxes (scikit-image region bounding boxes).
 * <p>
 * Not thread-safe; one instance per thread.
 */
public final class Evaluation {

	/** One image of the set. */
	public static final class Input {
		public final String name;
		public final String modality;
		public final SamImage image;
		public final LabelImage labels;

		public Input(String name, String modality, SamImage image, LabelImage labels) {
			this.name = name;
			this.modality = modality;
			this.image = image;
			this.labels = labels;
		}
	}

	/** Per image: size, object count and encoder time. */
	public static final class ImageResult {
		public String name;
		public String modality;
		public int width;
		public int height;
		public int objects;
		public double encodeMs;
		public double encodeSessionRunMs;
	}

	/** Everything measured for one object; token-indexed arrays hold tokens 0..3. */
	public static final class ObjectResult {
		public String image;
		public String modality;
		public int label;
		public int area;
		public int clickX;
		public int clickY;
		/** x0, y0, x1, y1 with x1, y1 exclusive (pixel edges). */
		public int[] box;
		public float[] predictedIou = new float[4];
		public float[] stability = new float[4];
		public long[] maskArea = new long[4];
		public double[] iou = new double[4];
		/** How deep the click lies in each mask: its distance to the mask's edge ÷ the mask's largest such distance (0 outside). */
		public double[] clickDepth = new double[4];
		/** The multi-mask token SAM ranks first (highest predicted IoU). */
		public int top1Token;
		public double boxIou;
		public float boxPredictedIou;
		/** Sensitivity: the click if the image border were not background, and its IoUs (tokens 0..3). */
		public int openBorderClickX;
		public int openBorderClickY;
		public double[] openBorderIou = new double[4];
		public int openBorderTop1Token;
		/** Sensitivity: the box with inclusive corners (maxX, maxY) instead of pixel edges (maxX + 1, maxY + 1). */
		public double boxInclusiveIou;
		/** The object is one pixel wide or high: no inclusive box exists, the edge box stands in. */
		public boolean boxInclusiveDegenerate;
		public double pointMultiMs;
		public double pointSingleMs;
		public double boxMs;
		public int imageArea;

		public double top1() {
			return iou[top1Token];
		}

		public double oracle() {
			return Math.max(iou[1], Math.max(iou[2], iou[3]));
		}

		public double single() {
			return iou[0];
		}
	}

	private final Segmenter segmenter;

	public Evaluation(Segmenter segmenter) {
		this.segmenter = segmenter;
	}

	/** Runs the protocol on one image; the image's row is filled into {@code row}. */
	public List<ObjectResult> run(Input in, ImageResult row) {
		SamModel model = segmenter.model();
		int w = in.image.width(), h = in.image.height();
		if (in.labels.width != w || in.labels.height != h)
			throw new IllegalArgumentException(in.name + ": the labels are " + in.labels.width + "x" + in.labels.height
				+ ", the image " + w + "x" + h);
		long run0 = model.encoderRunNanos();
		long t0 = System.nanoTime();
		Embedding e = segmenter.encode(in.image);
		row.encodeMs = ms(System.nanoTime() - t0);
		row.encodeSessionRunMs = ms(model.encoderRunNanos() - run0);
		row.name = in.name;
		row.modality = in.modality;
		row.width = w;
		row.height = h;

		List<ObjectResult> out = new ArrayList<>();
		for (LabelImage.GtObject o : in.labels.objects()) {
			ObjectResult r = new ObjectResult();
			r.image = in.name;
			r.modality = in.modality;
			r.label = o.label;
			r.area = o.area();
			r.imageArea = w * h;
			int[] click = ClickPoint.of(o, w);
			r.clickX = click[0];
			r.clickY = click[1];
			r.box = new int[] { o.minX, o.minY, o.maxX + 1, o.maxY + 1 };
			Prompt point = Prompt.point(click[0], click[1]);

			long t1 = System.nanoTime();
			Prediction multi = segmenter.decode(e, point, MaskMode.MULTI);
			long t2 = System.nanoTime();
			Prediction single = segmenter.decode(e, point, MaskMode.SINGLE);
			long t3 = System.nanoTime();
			Prediction box = segmenter.decode(e, Prompt.box(r.box[0], r.box[1], r.box[2], r.box[3]), MaskMode.SINGLE);
			long t4 = System.nanoTime();
			r.pointMultiMs = ms(t2 - t1);
			r.pointSingleMs = ms(t3 - t2);
			r.boxMs = ms(t4 - t3);

			r.top1Token = multi.best().token();
			List<Mask> masks = new ArrayList<>(multi.masks());
			masks.add(single.best());
			for (Mask m : masks) {
				int t = m.token();
				r.predictedIou[t] = m.iou();
				r.stability[t] = m.stability();
				r.maskArea[t] = m.area();
				r.iou[t] = iou(m, o);
				r.clickDepth[t] = depth(m, click[0], click[1]);
			}
			r.boxIou = iou(box.best(), o);
			r.boxPredictedIou = box.best().iou();
			sensitivity(e, o, r, w, h);
			out.add(r);
		}
		row.objects = out.size();
		return out;
	}

	/** The same object under the other border rule and the other box convention (see {@link ObjectResult}). */
	private void sensitivity(Embedding e, LabelImage.GtObject o, ObjectResult r, int w, int h) {
		int[] alt = ClickPoint.openBorder(o, w, h);
		r.openBorderClickX = alt[0];
		r.openBorderClickY = alt[1];
		if (alt[0] == r.clickX && alt[1] == r.clickY) {
			r.openBorderIou = r.iou.clone();
			r.openBorderTop1Token = r.top1Token;
		}
		else {
			Prompt p = Prompt.point(alt[0], alt[1]);
			Prediction multi = segmenter.decode(e, p, MaskMode.MULTI);
			r.openBorderTop1Token = multi.best().token();
			for (Mask m : multi.masks()) r.openBorderIou[m.token()] = iou(m, o);
			r.openBorderIou[0] = iou(segmenter.decode(e, p, MaskMode.SINGLE).best(), o);
		}
		r.boxInclusiveDegenerate = o.maxX == o.minX || o.maxY == o.minY;
		r.boxInclusiveIou = r.boxInclusiveDegenerate ? r.boxIou
			: iou(segmenter.decode(e, Prompt.box(o.minX, o.minY, o.maxX, o.maxY), MaskMode.SINGLE).best(), o);
	}

	/** IoU of a full-size mask with a ground-truth object. */
	static double iou(Mask m, LabelImage.GtObject o) {
		byte[] px = m.pixels();
		long inter = 0;
		for (int i : o.pixels) if (px[i] != 0) inter++;
		long union = m.area() + o.area() - inter;
		return union == 0 ? 0 : (double) inter / union;
	}

	/** The click's distance to the mask's edge ÷ the mask's largest such distance; 0 when the click is outside. */
	static double depth(Mask m, int x, int y) {
		int w = m.width();
		if (m.pixels()[y * w + x] == 0) return 0;
		int[] b = m.bbox();
		byte[] crop = new byte[b[2] * b[3]];
		byte[] px = m.pixels();
		for (int yy = 0; yy < b[3]; yy++) System.arraycopy(px, (b[1] + yy) * w + b[0], crop, yy * b[2], b[2]);
		double[] d = MaskGeometry.squaredDistances(crop, b[2], b[3], true);
		double max = 0;
		for (double v : d) max = Math.max(max, v);
		double at = d[(y - b[1]) * b[2] + (x - b[0])];
		return max == 0 ? 0 : Math.sqrt(at / max);
	}

	private static double ms(long nanos) {
		return nanos / 1e6;
	}
}
