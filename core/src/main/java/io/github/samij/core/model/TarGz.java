package io.github.samij.core.model;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Extracts chosen entries of a gzipped ustar archive (what {@code npm pack} produces), so that
 * fetching the default model needs neither npm nor a tar library. Stateless and thread-safe.
 */
final class TarGz {

	private static final int BLOCK = 512;

	private TarGz() { }

	/**
	 * Copies each archive entry whose path is a key of {@code wanted} to the path it maps to.
	 *
	 * @return how many of the wanted entries were found
	 */
	static int extract(Path archive, Map<String, Path> wanted) throws IOException {
		int found = 0;
		try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
			byte[] header = new byte[BLOCK];
			while (readFully(in, header)) {
				if (header[0] == 0) break; // end-of-archive marker
				String name = field(header, 345, 155).isEmpty() ? field(header, 0, 100)
					: field(header, 345, 155) + "/" + field(header, 0, 100);
				long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
				long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
				Path target = wanted.get(name);
				if (target != null && header[156] != 'x' && header[156] != 'g') {
					try (OutputStream out = Files.newOutputStream(target)) {
						copy(in, out, size);
					}
					skip(in, padded - size);
					found++;
				}
				else {
					skip(in, padded);
				}
			}
		}
		return found;
	}

	private static String field(byte[] header, int offset, int length) {
		int end = offset;
		while (end < offset + length && header[end] != 0) end++;
		return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
	}

	private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
		int n = in.readNBytes(buffer, 0, buffer.length);
		if (n == 0) return false;
		if (n < buffer.length) throw new EOFException("truncated tar header");
		return true;
	}

	private static void copy(InputStream in, OutputStream out, long size) throws IOException {
		byte[] buffer = new byte[1 << 16];
		long left = size;
		while (left > 0) {
			int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
			if (n < 0) throw new EOFException("truncated tar entry");
			out.write(buffer, 0, n);
			left -= n;
		}
	}

	private static void skip(InputStream in, long count) throws IOException {
		long left = count;
		while (left > 0) {
			long n = in.skip(left);
			if (n <= 0) {
				if (in.read() < 0) throw new EOFException("truncated tar archive");
				n = 1;
			}
			left -= n;
		}
	}
}
