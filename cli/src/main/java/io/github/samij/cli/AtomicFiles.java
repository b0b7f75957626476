package io.github.samij.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers only ever see the old complete file or the new complete one: the
 * content goes to a hidden temporary file in the same folder, which is then renamed over the
 * target (a rename within one file system is atomic).
 */
final class AtomicFiles {

	/** Writes content to an open stream; may throw. */
	interface Content {
		void writeTo(OutputStream out) throws IOException;
	}

	private AtomicFiles() { }

	/** An I/O failure in words, without the exception's class name (which means nothing to a user). */
	static String describe(IOException e) {
		if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
		if (e instanceof java.nio.file.NoSuchFileException) return "no such file or folder";
		if (e instanceof java.nio.file.FileAlreadyExistsException) return "a file of that name is in the way";
		if (e instanceof java.nio.file.FileSystemException && ((java.nio.file.FileSystemException) e).getReason() != null)
			return ((java.nio.file.FileSystemException) e).getReason();
		return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
	}

	static void write(Path target, Content content) throws IOException {
		// Not Files.createTempFile: it creates the file owner-only (0600), and outputs should get the usual permissions.
		Path temp = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current()
			.nextLong() & Long.MAX_VALUE) + ".part");
		try {
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
				StandardOpenOption.WRITE)))
			{
				content.writeTo(out);
			}
			try {
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
			}
			temp = null;
		}
		finally {
			if (temp != null) Files.deleteIfExists(temp);
		}
	}
}
