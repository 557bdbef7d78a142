package dev.qotd.localrun;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./run-local}: starts the three services on 127.0.0.1, prints the URL once all are
 * ready, and stops all three on Ctrl-C or when one of them stops by itself.
 */
public final class LocalRun {

	private static final Pattern PORT_OPTION = Pattern.compile("--(frontend|quote|time)-port=([1-9][0-9]{0,4})");

	/** What has been started, for the shutdown hook; also the lock of {@link #stopping}. */
	private static final Map<Service, ServiceProcess> started = new EnumMap<>(Service.class);

	private static volatile boolean stopping;

	public static void main(String[] args) throws InterruptedException {
		try {
			Map<Service, Integer> ports = ports(args);
			Path logs = Path.of(System.getProperty("qotd.project-dir", "."), "local-run", "target", "logs").normalize();
			System.out.printf("Starting quote-service (%d), time-service (%d) and frontend-service (%d) on 127.0.0.1...%n",
					ports.get(Service.QUOTE), ports.get(Service.TIME), ports.get(Service.FRONTEND));
			Runtime.getRuntime().addShutdownHook(new Thread(LocalRun::stopAll, "local-run-stop"));
			for (Service service : Service.values()) {
				synchronized (started) {
					if (!stopping) {
						started.put(service, new ServiceProcess(service, ports, logs, Map.of()));
					}
				}
			}
			for (ServiceProcess process : started.values()) {
				process.awaitReady();
			}
			System.out.printf("%nQuote of the Day is running: http://localhost:%d (curl it, or open it in a browser)%n"
					+ "Logs in %s. Ctrl-C stops all three.%n", ports.get(Service.FRONTEND), logs);
			while (started.values().stream().allMatch(ServiceProcess::isAlive)) {
				Thread.sleep(200);
			}
			throw started.values().stream().filter((process) -> !process.isAlive()).findFirst().orElseThrow()
				.failure("stopped unexpectedly");
		}
		catch (IllegalArgumentException | IllegalStateException | IOException ex) {
			if (stopping) {
				return; // asked for (Ctrl-C reaches the services too): nothing to report
			}
			System.err.println(ex.getMessage());
			System.exit((ex instanceof IllegalArgumentException) ? 2 : 1);
		}
	}

	/** Frontend 8080, quote 8081 and time 8082, unless moved by {@code --<service>-port=N}. */
	static Map<Service, Integer> ports(String[] args) {
		Map<Service, Integer> ports = new EnumMap<>(Map.of(Service.FRONTEND, 8080, Service.QUOTE, 8081, Service.TIME, 8082));
		for (String arg : args) {
			Matcher option = PORT_OPTION.matcher(arg);
			if (option.matches() && Integer.parseInt(option.group(2)) <= 65535) {
				ports.put(Service.valueOf(option.group(1).toUpperCase(Locale.ROOT)), Integer.valueOf(option.group(2)));
			}
			else if (!arg.equals("--rebuild")) { // the script's
				throw new IllegalArgumentException("Unknown option or not a port: %s (./run-local --help)".formatted(arg));
			}
		}
		return ports;
	}

	/** Stops what was started, also while the rest is still starting: nothing outlives the command. */
	private static void stopAll() {
		synchronized (started) {
			stopping = true;
		}
		if (!started.isEmpty()) {
			System.out.println("Stopping the services...");
		}
		started.values().forEach(ServiceProcess::stop);
	}

}
