package dev.qotd.localrun;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.EnumMap;
import java.util.Map;

/** The loopback port of each service. */
public final class Ports {

	private static final InetAddress IPV6_LOOPBACK = ipv6Loopback();

	private final Map<Service, Integer> ports;

	private Ports(Map<Service, Integer> ports) {
		this.ports = new EnumMap<>(ports);
	}

	/** Frontend 8080, quote 8081, time 8082. */
	public static Ports defaults() {
		Map<Service, Integer> ports = new EnumMap<>(Service.class);
		for (Service service : Service.values()) {
			ports.put(service, service.defaultPort());
		}
		return new Ports(ports);
	}

	/** Ports that are free right now, for tests that must not collide with a running app. */
	public static Ports free() {
		Map<Service, Integer> ports = new EnumMap<>(Service.class);
		for (Service service : Service.values()) {
			ports.put(service, freePort());
		}
		return new Ports(ports);
	}

	public Ports with(Service service, int port) {
		if (port < 1 || port > 65535) {
			throw new LocalRunException("--%s-port=%d is not a TCP port (1-65535)".formatted(service.shortName(), port));
		}
		Map<Service, Integer> changed = new EnumMap<>(this.ports);
		changed.put(service, port);
		return new Ports(changed);
	}

	public int of(Service service) {
		return this.ports.get(service);
	}

	/** Fails with a message naming the service and the option to change when a port is taken. */
	void checkAvailable() {
		// "localhost" in the printed URL may be tried on ::1 first, where another program
		// would answer instead of the app.
		boolean ipv6Loopback = canListenOn(IPV6_LOOPBACK);
		for (Service service : Service.values()) {
			int port = of(service);
			if (this.ports.values().stream().filter((p) -> p == port).count() > 1) {
				throw new LocalRunException("Port %d is given to more than one service; give each its own.".formatted(port));
			}
			checkAvailable(service, port, InetAddress.getLoopbackAddress());
			if (ipv6Loopback) {
				checkAvailable(service, port, IPV6_LOOPBACK);
			}
		}
	}

	private static void checkAvailable(Service service, int port, InetAddress address) {
		try (ServerSocket socket = new ServerSocket(port, 1, address)) {
			socket.setReuseAddress(true);
		}
		catch (IOException ex) {
			// The system's words for the reason may be in another language than English.
			String reason = (ex.getMessage() != null && ex.getMessage().contains("in use")) ? "is already in use"
					: "cannot be used (%s)".formatted(ex.getMessage());
			throw new LocalRunException(
					"Port %d, for %s, %s on %s. Stop what listens there (is the app already running?) or choose another port: --%s-port=PORT"
						.formatted(port, service.module(), reason, address.getHostAddress(), service.shortName()));
		}
	}

	/** Whether this machine has the address at all (some have no IPv6). */
	private static boolean canListenOn(InetAddress address) {
		try (ServerSocket socket = new ServerSocket(0, 1, address)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static InetAddress ipv6Loopback() {
		byte[] address = new byte[16];
		address[15] = 1;
		try {
			return InetAddress.getByAddress("localhost", address);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new LocalRunException("Cannot find a free port on 127.0.0.1", ex);
		}
	}

	@Override
	public String toString() {
		return this.ports.toString();
	}

}
