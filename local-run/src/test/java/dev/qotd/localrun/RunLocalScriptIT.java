package dev.qotd.localrun;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./run-local}, the README's first command, as a user runs it. */
class RunLocalScriptIT {

	@TempDir
	Path work;

	private Process script;

	@AfterEach
	void leaveNothingRunning() {
		this.script.descendants().forEach(ProcessHandle::destroyForcibly);
		this.script.destroyForcibly();
	}

	@Test
	void startsTheAppPrintsItsUrlAndStopsAllThreeOnCtrlC() throws Exception {
		Map<Service, Integer> ports = RunningApp.freePorts();
		runLocal(ports);
		String url = "http://localhost:" + ports.get(Service.FRONTEND);
		awaitOutput("Quote of the Day is running: " + url);
		HttpResponse<String> page = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(page.body()).matches(LocalAppIT.TWO_LINES);

		// Ctrl-C in a terminal: SIGINT to the whole foreground process group, the services too.
		List<String> kill = new ArrayList<>(List.of("kill", "-INT", String.valueOf(this.script.pid())));
		this.script.descendants().forEach((process) -> kill.add(String.valueOf(process.pid())));
		assertThat(new ProcessBuilder(kill).start().waitFor()).isZero();
		assertThat(this.script.waitFor(60, TimeUnit.SECONDS)).as("./run-local ends after Ctrl-C").isTrue();
		for (int port : ports.values()) {
			try (ServerSocket free = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				assertThat(free.getLocalPort()).as("a port of the app, free again").isEqualTo(port);
			}
		}
		assertThat(output()).contains("Stopping the services").doesNotContain("unexpectedly", "stopped during");
	}

	@Test
	void stoppedWhileStartingItLeavesNoProcessBehind() throws Exception {
		runLocal(RunningApp.freePorts());
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (this.script.descendants().count() < 3 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		List<ProcessHandle> started = this.script.descendants().toList();
		assertThat(started).as("the three services; ./run-local printed:%n%s", output()).hasSize(3);

		this.script.destroy(); // SIGTERM
		assertThat(this.script.waitFor(60, TimeUnit.SECONDS)).as("./run-local ends after SIGTERM").isTrue();
		for (ProcessHandle process : started) {
			assertThat(process.onExit()).as(process.info().commandLine().orElse("?")).succeedsWithin(Duration.ofSeconds(40));
		}
		assertThat(output()).doesNotContain("unexpectedly", "stopped during");
	}

	@Test
	void aTakenPortStopsItWithSpringBootsReportFromTheEndOfTheServicesLog() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Map<Service, Integer> ports = RunningApp.freePorts();
			ports.put(Service.FRONTEND, taken.getLocalPort());
			runLocal(ports);
			assertThat(this.script.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(this.script.exitValue()).isEqualTo(1);
			assertThat(output()).contains("frontend-service stopped during start-up",
					"Port " + taken.getLocalPort() + " was already in use");
		}
	}

	@Test
	void aBadOptionIsRefusedByName() throws Exception {
		for (String option : List.of("--quote-port=abc", "--time-port=70000", "--verbose")) {
			start("./run-local", option);
			assertThat(this.script.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(this.script.exitValue()).isEqualTo(2);
			assertThat(output()).contains(option, "./run-local --help");
		}
	}

	private void runLocal(Map<Service, Integer> ports) throws IOException {
		start("./run-local", "--frontend-port=" + ports.get(Service.FRONTEND), "--quote-port=" + ports.get(Service.QUOTE),
				"--time-port=" + ports.get(Service.TIME));
	}

	private void start(String... command) throws IOException {
		this.script = new ProcessBuilder(command).directory(Path.of(System.getProperty("qotd.project-dir")).toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.work.resolve("output").toFile())
			.start();
	}

	private String output() throws IOException {
		return Files.readString(this.work.resolve("output"));
	}

	private void awaitOutput(String expected) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (!output().contains(expected) && this.script.isAlive() && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(output()).as("output of ./run-local").contains(expected);
	}

}
