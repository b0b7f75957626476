package io.github.samij.core.batch;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers only ever see no file, the old complete file or the new complete
 * one: the content goes to a hidden temporary file ({@code .<name>.<random>.part}) in the same
 * folder, which is then renamed over the target (a rename within one file system is atomic). A
 * failure removes the temporary file.
 * <p>
 * The bytes go through {@link FileOutputStream}, not an NIO channel, so an interrupted thread (how
 * a batch run is cancelled) still finishes the file it is writing instead of leaving it half done.
 * Stateless and thread-safe (two threads writing one target: the last rename wins).
 */
public final class AtomicFiles {

	/** Writes content to an open stream; may throw. */
	public interface Content {
		void writeTo(OutputStream out) throws IOException;
	}

	/** The suffix of temporary files: none is left behind unless the JVM dies mid-write. */
	public static final String TEMP_SUFFIX = ".part";

	private AtomicFiles() { }

	/** Writes {@code target} completely or not at all. */
	public static void write(Path target, Content content) throws IOException {
		Path temp = null;
		try {
			temp = newTemp(target);
			try (OutputStream out = new BufferedOutputStream(new FileOutputStream(temp.toFile()))) {
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

	/** Creates an empty temporary file beside {@code target}, with the folder's usual permissions. */
	private static Path newTemp(Path target) throws IOException {
		for (int attempt = 0; ; attempt++) {
			// Not Files.createTempFile: it creates the file owner-only (0600); outputs get the usual permissions.
			Path temp = target.resolveSibling("." + target.getFileName() + "."
				+ Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + TEMP_SUFFIX);
			File f = temp.toFile();
			if (f.createNewFile()) return temp;
			if (attempt == 10) throw new FileAlreadyExistsException(temp.toString());
		}
	}

	/**
	 * Deletes what writes of {@code target} left behind when their process was killed mid-write (the
	 * temporary files beside it); a write in progress elsewhere loses its file and fails.
	 *
	 * @return how many were deleted
	 */
	public static int removeLeftovers(Path target) throws IOException {
		String prefix = "." + target.getFileName() + ".";
		int n = 0;
		Path dir = target.toAbsolutePath().getParent();
		if (!Files.isDirectory(dir)) return 0;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "*" + TEMP_SUFFIX)) {
			for (Path f : files)
				if (Files.deleteIfExists(f)) n++;
		}
		return n;
	}

	/** An I/O failure in words, without the exception's class name (which means nothing to a user). */
	public static String describe(IOException e) {
		if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
		if (e instanceof java.nio.file.NoSuchFileException) return "no such file or folder";
		if (e instanceof java.nio.file.FileAlreadyExistsException) return "a file of that name is in the way";
		if (e instanceof java.nio.file.FileSystemException && ((java.nio.file.FileSystemException) e).getReason() != null)
			return ((java.nio.file.FileSystemException) e).getReason();
		return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
	}
}
