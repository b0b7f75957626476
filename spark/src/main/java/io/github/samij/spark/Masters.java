package io.github.samij.spark;

import io.github.samij.cli.UsageException;
import io.github.samij.core.SamException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.regex.Pattern;

/**
 * Checks a Spark master URL before a context is made: its form, and for a standalone cluster that
 * one of its masters answers — Spark itself would retry for minutes before giving up. Stateless.
 */
final class Masters {

	/** How long a standalone master has to accept a connection. */
	static final int CONNECT_MILLIS = 5000;

	private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?\\])?");

	private Masters() { }

	/**
	 * @throws UsageException when the URL is not one SAM-IJ runs on
	 * @throws SamException when no master of a spark:// URL accepts a connection
	 */
	static void check(String master) {
		if (LOCAL.matcher(master).matches() || master.equals("yarn") || master.startsWith("k8s://")) return;
		if (!master.startsWith("spark://"))
			throw new UsageException("--spark expects local[N] (N threads in this JVM), local[N,F] (F attempts per task) or "
				+ "spark://HOST:PORT (a standalone cluster), got '" + master + "'");
		String reason = null;
		for (String hostPort : master.substring("spark://".length()).split(",")) {
			int colon = hostPort.lastIndexOf(':');
			if (colon < 1) throw new UsageException("--spark '" + master + "' needs HOST:PORT after spark://, e.g. spark://node1:7077");
			int port;
			try {
				port = Integer.parseInt(hostPort.substring(colon + 1));
			}
			catch (NumberFormatException e) {
				throw new UsageException("--spark '" + master + "': '" + hostPort.substring(colon + 1) + "' is not a port number");
			}
			try (Socket s = new Socket()) {
				s.connect(new InetSocketAddress(hostPort.substring(0, colon), port), CONNECT_MILLIS);
				return;
			}
			catch (IOException e) {
				reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
			}
		}
		throw new SamException("Cannot reach the Spark master " + master + " (" + reason + "); start it (sbin/start-master.sh) "
			+ "or check the address given to --spark. Nothing was written.");
	}
}
