package io.github.samij.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.TestModel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file found to match its checksum is not hashed again while its size and modification time
 * stay; a change to either means a full check, so damage is still found.
 */
class VerifiedFilesTest {

	@TempDir
	Path tmp;

	private String oldCache;

	@BeforeEach
	void ownCache() {
		oldCache = System.getProperty(ManagedModel.CACHE_PROPERTY);
		System.setProperty(ManagedModel.CACHE_PROPERTY, tmp.resolve("cache").toString());
	}

	@AfterEach
	void restoreCache() {
		if (oldCache == null) System.clearProperty(ManagedModel.CACHE_PROPERTY);
		else System.setProperty(ManagedModel.CACHE_PROPERTY, oldCache);
	}

	@Test
	void aVerifiedFileIsRememberedUntilItChanges() throws IOException {
		Path folder = Files.createDirectories(tmp.resolve("model"));
		for (String f : new String[] { "encoder.onnx", "sam.onnx", ModelDescriptor.FILE_NAME })
			Files.copy(TestModel.directory().resolve(f), folder.resolve(f));
		Path encoder = folder.resolve("encoder.onnx");
		assertFalse(VerifiedFiles.known(encoder, ManagedModel.ENCODER_SHA256), "nothing known in a new cache");

		SamModel.load(folder).close();
		assertTrue(VerifiedFiles.known(encoder, ManagedModel.ENCODER_SHA256));
		assertTrue(VerifiedFiles.known(folder.resolve("sam.onnx"), ManagedModel.DECODER_SHA256));
		assertFalse(VerifiedFiles.known(encoder, "0".repeat(64)), "known only with the digest it was found to have");
		Properties stamps = new Properties();
		try (InputStream in = Files.newInputStream(tmp.resolve("cache").resolve(VerifiedFiles.FILE_NAME))) {
			stamps.load(in);
		}
		assertEquals(Files.size(encoder) + " " + Files.getLastModifiedTime(encoder).toMillis() + " " + ManagedModel.ENCODER_SHA256,
			stamps.getProperty(encoder.toAbsolutePath().normalize().toString()));

		// Damage of the same size, written later: the time changed, so the file is hashed and refused.
		byte[] bytes = Files.readAllBytes(encoder);
		bytes[bytes.length / 2] ^= 0x55;
		Files.write(encoder, bytes);
		Files.setLastModifiedTime(encoder, FileTime.fromMillis(Files.getLastModifiedTime(encoder).toMillis() + 2000));
		assertFalse(VerifiedFiles.known(encoder, ManagedModel.ENCODER_SHA256));
		DamagedModel e = assertThrows(DamagedModel.class, () -> SamModel.load(folder));
		assertTrue(e.getMessage().startsWith("Checksum mismatch for " + encoder), e.getMessage());
	}

	@Test
	void entriesOfFilesThatAreGoneAreDropped() throws IOException {
		Path gone = Files.writeString(tmp.resolve("gone.onnx"), "a"), kept = Files.writeString(tmp.resolve("kept.onnx"), "b");
		VerifiedFiles.remember(gone, Sha256.of(gone));
		Files.delete(gone);
		VerifiedFiles.remember(kept, Sha256.of(kept));
		Properties stamps = new Properties();
		try (InputStream in = Files.newInputStream(tmp.resolve("cache").resolve(VerifiedFiles.FILE_NAME))) {
			stamps.load(in);
		}
		assertEquals(java.util.Set.of(kept.toAbsolutePath().normalize().toString()), stamps.stringPropertyNames());
	}
}
