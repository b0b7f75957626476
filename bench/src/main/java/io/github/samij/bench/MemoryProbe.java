package io.github.samij.bench;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Memory as the benchmark sees it: Java heap in use, Java direct buffers (where embeddings live),
 * and the process's resident set (Linux only; -1 elsewhere), each after a full collection so that
 * garbage and freed direct buffers are not counted.
 */
public final class MemoryProbe {

	/** One reading, in bytes. */
	public static final class Reading {
		public final long heap;
		public final long direct;
		public final long resident;

		Reading(long heap, long direct, long resident) {
			this.heap = heap;
			this.direct = direct;
			this.resident = resident;
		}
	}

	private MemoryProbe() { }

	/** Collects garbage (and lets direct buffers' cleaners run), then reads. */
	public static Reading settled() {
		for (int i = 0; i < 3; i++) {
			System.gc();
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		Runtime rt = Runtime.getRuntime();
		return new Reading(rt.totalMemory() - rt.freeMemory(), directBytes(), residentBytes());
	}

	/** Bytes of the JVM's direct buffer pool. */
	public static long directBytes() {
		for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
			if (pool.getName().equals("direct")) return pool.getMemoryUsed();
		return -1;
	}

	/** The resident set size from /proc/self/status, or -1 where there is none. */
	public static long residentBytes() {
		return status("VmRSS:");
	}

	/** The most the process has ever had resident (VmHWM), native memory included; -1 where unknown. */
	public static long peakResidentBytes() {
		return status("VmHWM:");
	}

	/** The sum of the heap pools' peak usage since the JVM started: the most heap ever in use, garbage included. */
	public static long peakHeapBytes() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
		return peak;
	}

	/** A size field of /proc/self/status in bytes, or -1 where there is none. */
	private static long status(String field) {
		Path status = Paths.get("/proc/self/status");
		if (!Files.isReadable(status)) return -1;
		try {
			for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII))
				if (line.startsWith(field)) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
		}
		catch (IOException | NumberFormatException e) {
			return -1;
		}
		return -1;
	}

	/** The 1-minute load average from /proc/loadavg (how busy the shared machine was), or -1. */
	public static double loadAverage() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}
}
