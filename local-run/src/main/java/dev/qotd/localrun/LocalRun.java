package dev.qotd.localrun;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./run-local}: starts the three services on 127.0.0.1 (frontend 8080, quote 8081,
 * time 8082), prints the URL once all are ready and stops all three on Ctrl-C.
 */
public final class LocalRun {

	static final String USAGE = """
			Usage: ./run-local [--frontend-port=8080] [--quote-port=8081] [--time-port=8082] [--rebuild]

			Starts quote-service, time-service and frontend-service on 127.0.0.1, the frontend
			wired to the other two, and stops all three on Ctrl-C. Logs go to local-run/target/logs.
			--rebuild (handled by ./run-local) rebuilds the jars first.""";

	private LocalRun() {
	}

	public static void main(String[] args) {
		PrintStream out = System.out;
		Ports ports;
		try {
			ports = parse(args);
		}
		catch (LocalRunException ex) {
			System.err.println(ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
			return;
		}
		if (ports == null) {
			out.println(USAGE);
			return;
		}
		Path projectDir = Path.of(System.getProperty("qotd.project-dir", ".")).toAbsolutePath().normalize();
		out.printf("Starting quote-service (%d), time-service (%d) and frontend-service (%d) on 127.0.0.1...%n",
				ports.of(Service.QUOTE), ports.of(Service.TIME), ports.of(Service.FRONTEND));
		// Once a stop is asked for (Ctrl-C also sends SIGINT to the services themselves), services
		// ending, or ending their start, are what was asked: nothing to report.
		AtomicBoolean stopping = new AtomicBoolean();
		LocalApp app = LocalApp.builder(projectDir).ports(ports).progress((line) -> {
			if (!stopping.get()) {
				out.println(line);
			}
		}).build();
		// Before starting: stopped while still starting, it must not leave a service behind.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stopping.set(true);
			if (app.isRunning()) {
				out.println("Stopping the three services...");
			}
			app.close();
			stopTrainingRuns();
		}, "local-run-shutdown"));
		try {
			app.start();
		}
		catch (LocalRunException ex) {
			if (!stopping.get()) {
				System.err.println(ex.getMessage());
				System.exit(1);
			}
			return;
		}
		String url = "http://localhost:" + ports.of(Service.FRONTEND);
		out.printf("""

				Quote of the Day is running: %s
				  curl %s
				  curl -H 'Accept: application/json' %s
				  or open it in a browser to see which processes answered
				quote-service: http://localhost:%d, time-service: http://localhost:%d; logs in %s
				Ctrl-C stops all three.
				%n""", url, url, url, ports.of(Service.QUOTE), ports.of(Service.TIME),
				app.process(Service.FRONTEND).log().getParent());
		watch(app, stopping);
	}

	/**
	 * The training runs of the start-up caches, when stopped while making them: a JVM writing
	 * its AOT cache as it exits is given a few seconds, so that none outlives the command.
	 */
	private static void stopTrainingRuns() {
		List<ProcessHandle> running = ProcessHandle.current().descendants().toList();
		running.forEach(ProcessHandle::destroy);
		for (ProcessHandle process : running) {
			try {
				process.onExit().get(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (ExecutionException | TimeoutException ex) {
				process.destroyForcibly();
			}
		}
		ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
	}

	/** Returns when Ctrl-C stops the app, or exits when a service dies by itself. */
	private static void watch(LocalApp app, AtomicBoolean stopping) {
		while (!stopping.get()) {
			for (Service service : Service.values()) {
				ServiceProcess process = app.process(service);
				if (!process.isAlive() && !stopping.get()) {
					System.err.printf("%s stopped unexpectedly. The end of its log, %s:%n%s%n", service.module(),
							process.log(), process.logTail(25));
					System.exit(1);
				}
			}
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/** The ports from {@code args}, or {@code null} when help was asked for. */
	static Ports parse(String[] args) {
		Ports ports = Ports.defaults();
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h")) {
				return null;
			}
			if (arg.equals("--rebuild")) {
				continue;
			}
			ports = withPort(ports, arg);
		}
		return ports;
	}

	private static Ports withPort(Ports ports, String arg) {
		for (Service service : Service.values()) {
			String option = "--" + service.shortName() + "-port=";
			if (arg.startsWith(option)) {
				String value = arg.substring(option.length());
				try {
					return ports.with(service, Integer.parseInt(value));
				}
				catch (NumberFormatException ex) {
					throw new LocalRunException("%s%s: not a port number".formatted(option, value));
				}
			}
		}
		throw new LocalRunException("Unknown option: " + arg);
	}

}
