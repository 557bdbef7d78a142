package dev.qotd.localrun;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.EnumMap;
import java.util.Map;

/** The loopback port of each service. */
public final class Ports {

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
		for (Service service : Service.values()) {
			int port = of(service);
			if (this.ports.values().stream().filter((p) -> p == port).count() > 1) {
				throw new LocalRunException("Port %d is given to more than one service; give each its own.".formatted(port));
			}
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				socket.setReuseAddress(true);
			}
			catch (IOException ex) {
				throw new LocalRunException(
						"Port %d, for %s, is already in use on 127.0.0.1. Stop what listens there (is the app already running?) or choose another port: --%s-port=PORT"
							.formatted(port, service.module(), service.shortName()));
			}
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
