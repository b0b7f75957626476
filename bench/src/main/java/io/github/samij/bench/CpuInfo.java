package io.github.samij.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The CPU's model name from /proc/cpuinfo (Linux), for the benchmark's record of the machine. */
final class CpuInfo {

	private CpuInfo() { }

	static String model() {
		Path info = Paths.get("/proc/cpuinfo");
		if (!Files.isReadable(info)) return System.getProperty("os.arch");
		try {
			for (String line : Files.readAllLines(info, StandardCharsets.US_ASCII))
				if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
		}
		catch (IOException e) {
			// fall through
		}
		return System.getProperty("os.arch");
	}
}
