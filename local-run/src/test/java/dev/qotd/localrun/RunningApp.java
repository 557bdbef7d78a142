package dev.qotd.localrun;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The three packaged services started exactly as {@code ./run-local} starts them, on free
 * ports, with their logs in {@code local-run/target/<name>}; closing stops them.
 */
final class RunningApp implements AutoCloseable {

	private final Map<Service, ServiceProcess> processes = new EnumMap<>(Service.class);

	RunningApp(String name, Map<String, String> environment) throws IOException, InterruptedException {
		Map<Service, Integer> ports = freePorts();
		Path logs = Path.of(System.getProperty("qotd.project-dir"), "local-run", "target", name).normalize();
		try {
			for (Service service : Service.values()) {
				this.processes.put(service, new ServiceProcess(service, ports, logs, environment));
			}
			for (ServiceProcess process : this.processes.values()) {
				process.awaitReady();
			}
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			close();
			throw ex;
		}
	}

	ServiceProcess get(Service service) {
		return this.processes.get(service);
	}

	int port(Service service) {
		return get(service).port;
	}

	/** As {@code X-Served-By} and {@code /whoami} name it. */
	String podName(Service service) {
		return service.shortName() + "-local-" + port(service);
	}

	static Map<Service, Integer> freePorts() throws IOException {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		try (ServerSocket quote = new ServerSocket(0, 1, loopback); ServerSocket time = new ServerSocket(0, 1, loopback);
				ServerSocket frontend = new ServerSocket(0, 1, loopback)) {
			return new EnumMap<>(Map.of(Service.QUOTE, quote.getLocalPort(), Service.TIME, time.getLocalPort(),
					Service.FRONTEND, frontend.getLocalPort()));
		}
	}

	@Override
	public void close() {
		this.processes.values().forEach(ServiceProcess::stop);
	}

}
