package dev.qotd.localrun;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service running as its own JVM process on 127.0.0.1, its output in a log file. */
public final class ServiceProcess {

	private static final HttpClient READINESS_CLIENT = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(1))
		.build();

	private final Service service;

	private final int port;

	private final Process process;

	private final Path log;

	private ServiceProcess(Service service, int port, Process process, Path log) {
		this.service = service;
		this.port = port;
		this.process = process;
		this.log = log;
	}

	static ServiceProcess start(Service service, StartupCache.Launch launch, int port, List<String> jvmOptions,
			Map<String, String> environment, Path logDirectory) {
		List<String> command = new ArrayList<>();
		command.add(javaExecutable().toString());
		command.addAll(jvmOptions);
		command.addAll(launch.arguments());
		Path log = logDirectory.resolve(service.module() + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
		builder.environment().putAll(environment);
		try {
			Files.createDirectories(logDirectory);
			return new ServiceProcess(service, port, builder.start(), log);
		}
		catch (IOException ex) {
			throw new LocalRunException("Cannot start %s: %s".formatted(service.module(), ex.getMessage()), ex);
		}
	}

	/** The services run on the JVM that runs this launcher. */
	static Path javaHome() {
		return Path.of(System.getProperty("java.home"));
	}

	static Path javaExecutable() {
		return javaHome().resolve("bin").resolve("java");
	}

	public Service service() {
		return this.service;
	}

	public int port() {
		return this.port;
	}

	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	public long pid() {
		return this.process.pid();
	}

	public Path log() {
		return this.log;
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Waits until Actuator's readiness group answers UP.
	 * @throws LocalRunException if the process ends first or {@code timeout} passes
	 */
	public void awaitReady(Duration timeout) {
		HttpRequest request = HttpRequest.newBuilder(baseUrl().resolve("/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new LocalRunException("%s stopped during start-up (exit status %d). The end of its log, %s:%n%s"
					.formatted(this.service.module(), this.process.exitValue(), this.log, logTail(25)));
			}
			try {
				if (READINESS_CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (ConnectException ex) {
				// not listening yet
			}
			catch (IOException ex) {
				// starting up
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new LocalRunException("Interrupted while waiting for " + this.service.module(), ex);
			}
			sleep(Duration.ofMillis(50));
		}
		throw new LocalRunException("%s did not become ready within %d s. The end of its log, %s:%n%s"
			.formatted(this.service.module(), timeout.toSeconds(), this.log, logTail(25)));
	}

	/** Sends SIGTERM: the service shuts down gracefully. */
	public void terminate() {
		this.process.destroy();
	}

	/** Sends SIGKILL: the service dies at once, as when a node fails. */
	public void kill() {
		this.process.destroyForcibly();
	}

	/**
	 * Waits for the process to end.
	 * @return its exit status, or {@code null} if it still runs after {@code timeout}
	 */
	public Integer awaitExit(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? this.process.exitValue() : null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** Stops the service gracefully, and forcibly if it has not ended within {@code grace}. */
	public void stop(Duration grace) {
		if (!this.process.isAlive()) {
			return;
		}
		terminate();
		if (awaitExit(grace) == null) {
			kill();
			awaitExit(Duration.ofSeconds(5));
		}
	}

	/** The last {@code lines} lines of the service's log. */
	public String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(log unreadable: " + ex.getMessage() + ")";
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LocalRunException("Interrupted", ex);
		}
	}

}
