package io.github.samij.ij.convert;

import io.github.samij.core.prompt.Crop;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * CRC-32 of a window of a raw ImageJ pixel array (byte, short, int or float), row by row, without
 * converting it: what tells an image whose pixels changed from one ImageJ only said something about.
 * Stateless and thread-safe (each thread has its own buffer).
 */
final class Checksum {

	/** Rows of non-byte pixels pass through this buffer to reach the CRC as bytes. */
	private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal
		.withInitial(() -> ByteBuffer.allocateDirect(1 << 16).order(ByteOrder.nativeOrder()));

	private Checksum() { }

	/** The checksum of the window ({@code null}: all) of a row-major plane {@code width} pixels wide. */
	static long of(Object pixels, int width, Crop window) {
		CRC32 crc = new CRC32();
		int rows = window == null ? 1 : window.height;
		for (int y = 0; y < rows; y++) {
			int from = window == null ? 0 : (window.y + y) * width + window.x;
			int count = window == null ? java.lang.reflect.Array.getLength(pixels) : window.width;
			update(crc, pixels, from, count);
		}
		return crc.getValue();
	}

	private static void update(CRC32 crc, Object pixels, int from, int count) {
		if (pixels instanceof byte[]) {
			crc.update((byte[]) pixels, from, count);
			return;
		}
		ByteBuffer buffer = BUFFER.get();
		int bytes = pixels instanceof short[] ? 2 : 4, chunk = buffer.capacity() / bytes;
		for (int done = 0; done < count; done += chunk) {
			int n = Math.min(chunk, count - done);
			buffer.clear();
			if (pixels instanceof short[]) buffer.asShortBuffer().put((short[]) pixels, from + done, n);
			else if (pixels instanceof int[]) buffer.asIntBuffer().put((int[]) pixels, from + done, n);
			else buffer.asFloatBuffer().put((float[]) pixels, from + done, n);
			buffer.limit(n * bytes);
			crc.update(buffer);
		}
	}
}
