package dev.qotd.frontend.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A loopback port with nothing listening on it: a connection to it is refused at once. */
public final class UnusedPort {

	private UnusedPort() {
	}

	public static int find() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot find a free loopback port", ex);
		}
	}

}
