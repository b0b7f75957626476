package io.github.samij.core.image;

import io.github.samij.core.Parallel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Encoder preprocessing: resize into the model family's 1024 frame ({@link Framing}), normalise per
 * channel, place top-left on a zero 1024×1024 canvas, channels first. Stateless and thread-safe.
 */
public final class Preprocessor {

	/** The side of SAM's square input frame. */
	public static final int SIDE = Framing.SIDE;
	private static final float[] MEAN = { 123.675f, 116.28f, 103.53f };
	private static final float[] STD = { 58.395f, 57.12f, 57.375f };

	private Preprocessor() { }

	/** Floats in one canvas [1, 3, 1024, 1024]. */
	static final int CANVAS_FLOATS = 3 * SIDE * SIDE;

	/**
	 * The normalised, padded image [1, 3, 1024, 1024] written into {@code reuse} (a canvas from an
	 * earlier call; its padding is zeroed again) or, when that is {@code null}, into a new direct
	 * buffer. Reusing matters: fresh native memory is zeroed and page-faulted in, which costs more
	 * than the whole resize on some machines. The three channels of a colour image are resized side
	 * by side on {@code executor} ({@link Parallel#SEQUENTIAL}: one after the other).
	 */
	public static FloatBuffer normalisedCanvas(SamImage image, Framing framing, FloatBuffer reuse, Executor executor) {
		FloatBuffer out = reuse != null ? reuse : allocate(CANVAS_FLOATS);
		int[] size = framing.resizedSize(image.width(), image.height());
		if (reuse != null) clearPadding(out, size);
		resize(image, size, executor, () -> {
			FloatBuffer view = out.duplicate(); // a position of its own for each channel task
			return (c, y, row, width) -> {
				float mean = MEAN[c], invStd = 1 / STD[c];
				for (int x = 0; x < width; x++)
					row[x] = (row[x] - mean) * invStd;
				view.position(c * SIDE * SIDE + y * SIDE);
				view.put(row, 0, width);
			};
		});
		return out.rewind();
	}

	/**
	 * A new direct buffer [h', w', 3] of 0..255 values, resized only ({@link Framing#LONGEST_SIDE}):
	 * for SAM 1 encoders that normalise in-graph.
	 */
	public static FloatBuffer resizedInterleaved(SamImage image) {
		int[] size = Framing.LONGEST_SIDE.resizedSize(image.width(), image.height());
		FloatBuffer out = allocate(3 * size[0] * size[1]);
		resize(image, size, Parallel.SEQUENTIAL, () -> (c, y, row, width) -> {
			int base = y * width * 3 + c;
			for (int x = 0; x < width; x++)
				out.put(base + 3 * x, row[x]);
		});
		return out.rewind();
	}

	/** Zeroes everything of a reused canvas outside the resized image's top-left rectangle. */
	private static void clearPadding(FloatBuffer canvas, int[] size) {
		float[] zeros = new float[SIDE];
		for (int c = 0; c < 3; c++) {
			int plane = c * SIDE * SIDE;
			if (size[0] < SIDE)
				for (int y = 0; y < size[1]; y++) {
					canvas.position(plane + y * SIDE + size[0]);
					canvas.put(zeros, 0, SIDE - size[0]);
				}
			for (int y = size[1]; y < SIDE; y++) {
				canvas.position(plane + y * SIDE);
				canvas.put(zeros);
			}
		}
		canvas.rewind();
	}

	private interface ChannelRowSink {
		void accept(int channel, int y, float[] row, int width);
	}

	/** Resizes each distinct channel to {@code size}, one sink per channel task (sinks need not be thread-safe). */
	private static void resize(SamImage image, int[] size, Executor executor, Supplier<ChannelRowSink> sinks) {
		int w = image.width(), h = image.height();
		Resampler alongX = new Resampler(w, size[0]);
		Resampler alongY = new Resampler(h, size[1]);
		// A grey image is resized once and written to all three channels.
		int distinct = image.isGray() ? 1 : 3;
		Parallel.forEach(executor, distinct, channel -> {
			ChannelRowSink sink = sinks.get();
			float[] halfway = new float[h * size[0]];
			alongX.rows(image.plane(channel), h, halfway);
			float[] copy = new float[size[0]];
			alongY.columns(halfway, size[0], (y, row) -> {
				if (distinct == 3) {
					sink.accept(channel, y, row, size[0]);
					return;
				}
				for (int k = 0; k < 3; k++) {
					System.arraycopy(row, 0, copy, 0, size[0]);
					sink.accept(k, y, copy, size[0]);
				}
			});
		});
	}

	private static FloatBuffer allocate(int floats) {
		return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
	}
}
