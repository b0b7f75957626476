package io.github.samij.core.model;

import io.github.samij.core.batch.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What {@link DecoderGraph#expose} found for a decoder, kept in the cache under the decoder's
 * SHA-256 ({@code <cache>/decoders/<sha>.properties}, and {@code <sha>.onnx} for a rewritten graph)
 * so that the next load creates the session straight from a file instead of parsing and
 * rewriting 16 MB of protobuf (a tenth of a command-line run). A kept graph is used only while
 * {@link VerifiedFiles} vouches that it is the file written here; anything else means exposing the
 * decoder again. Best effort: a cache that cannot be written only means rewriting on each load.
 * Thread-safe: files are written whole ({@link AtomicFiles}), and two writers write the same bytes.
 */
final class DecoderCache {

	/** A decoder's four-mask outputs and the file to load them from. */
	static final class Entry {
		final String lowResMasks;
		final String iouPredictions;
		final boolean rewritten;
		/** The rewritten graph, or null when the decoder's own file already has the four masks. */
		final Path graph;

		Entry(String lowResMasks, String iouPredictions, boolean rewritten, Path graph) {
			this.lowResMasks = lowResMasks;
			this.iouPredictions = iouPredictions;
			this.rewritten = rewritten;
			this.graph = graph;
		}
	}

	private DecoderCache() { }

	/** What was kept for the decoder with this digest, or null when nothing (trustworthy) was. */
	static Entry find(String decoderSha256) {
		Path folder = folder();
		Properties p = new Properties();
		try (InputStream in = Files.newInputStream(folder.resolve(decoderSha256 + ".properties"))) {
			p.load(in);
		}
		catch (IOException | RuntimeException e) {
			return null;
		}
		String masks = p.getProperty("masks"), ious = p.getProperty("ious"), digest = p.getProperty("sha256");
		boolean rewritten = Boolean.parseBoolean(p.getProperty("rewritten"));
		if (masks == null || ious == null) return null;
		if (!rewritten) return new Entry(masks, ious, false, null);
		Path graph = folder.resolve(decoderSha256 + ".onnx");
		return digest != null && VerifiedFiles.known(graph, digest) ? new Entry(masks, ious, true, graph) : null;
	}

	/** Keeps what {@code graph}, exposed from the decoder with this digest, holds. */
	static void keep(String decoderSha256, DecoderGraph graph) {
		Properties p = new Properties();
		p.setProperty("masks", graph.lowResMasks());
		p.setProperty("ious", graph.iouPredictions());
		p.setProperty("rewritten", Boolean.toString(graph.rewritten()));
		try {
			Path folder = folder();
			Files.createDirectories(folder);
			if (graph.rewritten()) {
				Path file = folder.resolve(decoderSha256 + ".onnx");
				AtomicFiles.write(file, out -> out.write(graph.bytes()));
				String digest = Sha256.of(graph.bytes());
				VerifiedFiles.remember(file, digest);
				p.setProperty("sha256", digest);
			}
			// The properties last: they are what makes the graph count.
			AtomicFiles.write(folder.resolve(decoderSha256 + ".properties"),
				out -> p.store(out, "SAM-IJ: the decoder's four masks, found by DecoderGraph"));
		}
		catch (IOException | RuntimeException e) {
			// Best effort: the next load exposes the decoder again.
		}
	}

	private static Path folder() {
		return ManagedModel.cacheRoot().resolve("decoders");
	}
}
