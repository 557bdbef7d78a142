package dev.qotd.localrun;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./run-local}, the README's first command, as a user runs it. */
class RunLocalScriptIT {

	private final List<String> output = new CopyOnWriteArrayList<>();

	private Process script;

	@AfterEach
	void leaveNothingRunning() {
		this.script.descendants().forEach(ProcessHandle::destroyForcibly);
		this.script.destroyForcibly();
	}

	@Test
	void startsTheAppPrintsItsUrlAndStopsAllThreeOnCtrlC() throws Exception {
		Map<Service, Integer> ports = runLocal(RunningApp.freePorts());
		String url = "http://localhost:" + ports.get(Service.FRONTEND);
		awaitOutput("Quote of the Day is running: " + url);
		HttpResponse<String> page = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(page.body()).matches(LocalAppIT.TWO_LINES);

		// Ctrl-C in a terminal: SIGINT to the whole foreground process group, the services too.
		List<ProcessHandle> processes = this.script.descendants().toList();
		signal("INT", this.script.toHandle());
		processes.forEach((process) -> signal("INT", process));
		assertThat(this.script.waitFor(60, TimeUnit.SECONDS)).as("./run-local ends after Ctrl-C").isTrue();
		for (int port : ports.values()) {
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				assertThat(socket.isBound()).as("port %d free again", port).isTrue();
			}
		}
		assertThat(this.output).as("what Ctrl-C prints").noneMatch(RunLocalScriptIT::reportsAFailure)
			.anyMatch((line) -> line.contains("Stopping the services"));
	}

	@Test
	void stoppedWhileStartingItLeavesNoProcessBehind() throws Exception {
		runLocal(RunningApp.freePorts());
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (this.script.descendants().count() < 3 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		List<ProcessHandle> started = this.script.descendants().toList();
		assertThat(started).as("the three services, output: %s", this.output).hasSize(3);

		signal("TERM", this.script.toHandle());
		assertThat(this.script.waitFor(60, TimeUnit.SECONDS)).as("./run-local ends after SIGTERM").isTrue();
		for (ProcessHandle process : started) {
			assertThat(process.onExit()).as(process.info().commandLine().orElse("?")).succeedsWithin(Duration.ofSeconds(40));
		}
		assertThat(this.output).as("what stopping it prints").noneMatch(RunLocalScriptIT::reportsAFailure);
	}

	@Test
	void aTakenPortStopsItWithSpringBootsReportInTheEndOfTheServicesLog() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Map<Service, Integer> ports = RunningApp.freePorts();
			ports.put(Service.FRONTEND, taken.getLocalPort());
			runLocal(ports);
			assertThat(this.script.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(this.script.exitValue()).isEqualTo(1);
			assertThat(String.join("\n", this.output)).contains("frontend-service stopped during start-up",
					"Port " + taken.getLocalPort() + " was already in use");
		}
	}

	/** A stop asked for is no failure: no service "stopped unexpectedly" or "during start-up". */
	private static boolean reportsAFailure(String line) {
		return line.contains("unexpectedly") || line.contains("stopped during");
	}

	private Map<Service, Integer> runLocal(Map<Service, Integer> ports) throws IOException {
		this.script = new ProcessBuilder("./run-local", "--frontend-port=" + ports.get(Service.FRONTEND),
				"--quote-port=" + ports.get(Service.QUOTE), "--time-port=" + ports.get(Service.TIME))
			.directory(Path.of(System.getProperty("qotd.project-dir")).toFile())
			.redirectErrorStream(true)
			.start();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.script.getInputStream(), StandardCharsets.UTF_8))) {
				lines.lines().forEach(this.output::add);
			}
			catch (IOException | RuntimeException ex) {
				// the script ended
			}
		}, "run-local-output");
		reader.setDaemon(true);
		reader.start();
		return ports;
	}

	private void awaitOutput(String expected) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (this.output.stream().noneMatch((line) -> line.contains(expected)) && this.script.isAlive()
				&& System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(this.output).as("output of ./run-local").anyMatch((line) -> line.contains(expected));
	}

	private static void signal(String name, ProcessHandle process) {
		try {
			new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
