package dev.qotd.localrun;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The three packaged services, started before a test class exactly as {@code ./run-local}
 * starts them, on free ports, their logs in {@code local-run/target/<name>}; stopped after it.
 */
final class RunningApp implements BeforeAllCallback, AfterAllCallback {

	private final String name;

	private final Map<String, String> environment;

	private final Map<Service, ServiceProcess> processes = new EnumMap<>(Service.class);

	RunningApp(String name, Map<String, String> environment) {
		this.name = name;
		this.environment = environment;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		Map<Service, Integer> ports = freePorts();
		Path logs = Path.of(System.getProperty("qotd.project-dir"), "local-run", "target", this.name).normalize();
		for (Service service : Service.values()) {
			this.processes.put(service, new ServiceProcess(service, ports, logs, this.environment));
		}
		for (ServiceProcess process : this.processes.values()) {
			process.awaitReady();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.processes.values().forEach(ServiceProcess::stop);
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

}
