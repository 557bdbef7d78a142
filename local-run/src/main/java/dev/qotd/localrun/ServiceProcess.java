package dev.qotd.localrun;

import java.io.IOException;
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
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;

/**
 * One service as its own JVM on 127.0.0.1, from its packaged jar with its image's JVM flags,
 * its output in a log file; stopped, signalled or restarted on its port as a pod can be.
 */
public final class ServiceProcess {

	// The pod's memory limit (resources.limits.memory in k8s/): the image's flags size the heap
	// as a share of it, so that each JVM here is sized as its pod is.
	static final String POD_MEMORY_LIMIT = "-XX:MaxRAM=288m";

	/** local-run.properties: the images' JVM flags and the jars' version, filtered from the parent POM. */
	private static final ResourceBundle BUILD = ResourceBundle.getBundle("local-run");

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	final Service service;

	final int port;

	final Path log;

	private final ProcessBuilder builder;

	private volatile Process process;

	/**
	 * Starts {@code service} on its port, the frontend wired to the other two by URL (as to
	 * {@code quote-svc} and {@code time-svc} in a cluster), without waiting for it to be ready.
	 */
	public ServiceProcess(Service service, Map<Service, Integer> ports, Path logs, Map<String, String> environment)
			throws IOException {
		this.service = service;
		this.port = ports.get(service);
		String module = service.module();
		Path jar = Path.of(System.getProperty("qotd.project-dir", "."), module, "target",
				module + "-" + BUILD.getString("version") + ".jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No jar " + jar + ": ./run-local --rebuild builds the jars");
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// The images' flags on any JDK 17 or later: one this JDK lacks (TrimNativeHeapInterval,
		// before 17.0.11 and 21.0.1) is skipped instead of stopping the JVM.
		command.add("-XX:+IgnoreUnrecognizedVMOptions");
		command.addAll(List.of(BUILD.getString("jvm-flags").split(",")));
		command.addAll(List.of(POD_MEMORY_LIMIT, "-jar", jar.toString()));
		this.log = logs.resolve(module + ".log");
		this.builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(this.log.toFile());
		Map<String, String> env = this.builder.environment();
		env.remove("TZ"); // as in a pod, which has no TZ of the machine's: time-service answers in UTC
		env.putAll(Map.of("SERVER_PORT", String.valueOf(this.port), "SERVER_ADDRESS", "127.0.0.1", "POD_IP",
				"127.0.0.1", "POD_NAME", service.shortName() + "-local-" + this.port));
		if (service == Service.FRONTEND) {
			env.put("QUOTE_SERVICE_URL", "http://127.0.0.1:" + ports.get(Service.QUOTE));
			env.put("TIME_SERVICE_URL", "http://127.0.0.1:" + ports.get(Service.TIME));
		}
		env.putAll(environment);
		Files.createDirectories(logs);
		this.process = this.builder.start();
	}

	/** Waits until Actuator's readiness group answers UP; fails with the end of the log if it does not. */
	public void awaitReady() throws InterruptedException {
		URI readiness = URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness");
		// Generous: three JVMs start at once on a small, busy machine.
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (isAlive() && System.nanoTime() < deadline) {
			try {
				if (HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			awaitExit(Duration.ofMillis(50));
		}
		throw failure(isAlive() ? "is not ready after 90 s"
				: "stopped during start-up (exit status %d)".formatted(this.process.exitValue()));
	}

	IllegalStateException failure(String what) {
		return new IllegalStateException(
				"%s %s. The end of its log, %s:%n%s".formatted(this.service.module(), what, this.log, logTail(25)));
	}

	/** Stops the service, then starts it again on its port and waits until it is ready. */
	public void restart() throws IOException, InterruptedException {
		stop();
		this.process = this.builder.start();
		awaitReady();
	}

	/** SIGTERM, and SIGKILL after 30 s: longer than the services' graceful shutdown (20 s). */
	public void stop() {
		this.process.destroy();
		if (awaitExit(Duration.ofSeconds(30)) == null) {
			this.process.destroyForcibly();
		}
	}

	/** Sends {@code SIG<name>} as {@code kill} does: STOP freezes the service (connections still open), CONT thaws it. */
	public void signal(String name) throws IOException, InterruptedException {
		if (new ProcessBuilder("kill", "-" + name, String.valueOf(this.process.pid())).start().waitFor() != 0) {
			throw new IllegalStateException("kill -%s %d failed".formatted(name, this.process.pid()));
		}
	}

	/** The exit status, or {@code null} if the process still runs after {@code timeout}. */
	public Integer awaitExit(Duration timeout) {
		return this.process.onExit()
			.thenApply(Process::exitValue)
			.completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS)
			.join();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** The last {@code count} lines of the log, leniently decoded: it may quote a client's bytes. */
	public String logTail(int count) {
		try {
			List<String> lines = new String(Files.readAllBytes(this.log), StandardCharsets.UTF_8).lines().toList();
			return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
		}
		catch (IOException ex) {
			return "(unreadable: " + ex + ")";
		}
	}

}
