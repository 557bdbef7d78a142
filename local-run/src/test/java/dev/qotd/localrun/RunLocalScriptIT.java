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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./run-local}, the README's first command, as a user runs it. */
class RunLocalScriptIT {

	private final Path projectDir = Path.of(System.getProperty("qotd.project-dir", "..")).toAbsolutePath().normalize();

	@Test
	void startsTheAppPrintsItsUrlAndStopsAllThreeOnCtrlC() throws Exception {
		Ports ports = Ports.free();
		Process script = runLocal(ports);
		List<String> output = new CopyOnWriteArrayList<>();
		CompletableFuture<Boolean> running = readUntil(script, output, "Quote of the Day is running");
		try {
			assertThat(running.get(120, TimeUnit.SECONDS)).as("output: %s", output).isTrue();
			assertThat(output).anyMatch((line) -> line.contains("http://localhost:" + ports.of(Service.FRONTEND)));

			HttpResponse<String> page = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.of(Service.FRONTEND)))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(page.body()).startsWith("Quote: ").contains("\nTime: ");

			// Ctrl-C in a terminal: SIGINT to the whole foreground process group, the services too.
			List<String> kill = new ArrayList<>(List.of("kill", "-INT", String.valueOf(script.pid())));
			script.descendants().forEach((process) -> kill.add(String.valueOf(process.pid())));
			new ProcessBuilder(kill).start().waitFor();
			assertThat(script.waitFor(60, TimeUnit.SECONDS)).as("./run-local ends after Ctrl-C").isTrue();
			for (Service service : Service.values()) {
				assertThat(isFree(ports.of(service))).as("%s stopped, its port free", service.module()).isTrue();
			}
			assertThat(output).as("what Ctrl-C prints").noneMatch(RunLocalScriptIT::reportsAFailure)
				.anyMatch((line) -> line.contains("Stopping the three services"));
		}
		finally {
			script.descendants().forEach(ProcessHandle::destroyForcibly);
			script.destroyForcibly();
		}
	}

	@Test
	void stoppedWhileStartingItLeavesNoProcessBehind() throws Exception {
		Process script = runLocal(Ports.free());
		List<String> output = new CopyOnWriteArrayList<>();
		drainInBackground(new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8)),
				output);
		try {
			// The three service JVMs (or the training runs of their start-up caches) are up.
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			while (script.descendants().count() < 3 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			List<ProcessHandle> started = script.descendants().toList();
			assertThat(started).as("output: %s", output).hasSizeGreaterThanOrEqualTo(3);

			new ProcessBuilder("kill", "-TERM", String.valueOf(script.pid())).start().waitFor();

			assertThat(script.waitFor(60, TimeUnit.SECONDS)).as("./run-local ends after SIGTERM").isTrue();
			for (ProcessHandle process : started) {
				assertThat(process.onExit()).as("%s, output: %s", process.info().commandLine().orElse("?"), output)
					.succeedsWithin(Duration.ofSeconds(40));
			}
			assertThat(output).as("what stopping it prints").noneMatch(RunLocalScriptIT::reportsAFailure);
		}
		finally {
			script.descendants().forEach(ProcessHandle::destroyForcibly);
			script.destroyForcibly();
		}
	}

	@Test
	void aTakenPortStopsItWithAMessageNamingThePortAndTheOption() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Ports ports = Ports.free().with(Service.FRONTEND, taken.getLocalPort());
			Process script = runLocal(ports);
			assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
			String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(script.exitValue()).isEqualTo(1);
			assertThat(output).contains("Port " + taken.getLocalPort(), "frontend-service", "--frontend-port=");
		}
	}

	/** A stop asked for is no failure: no service "stopped unexpectedly" or "during start-up". */
	private static boolean reportsAFailure(String line) {
		return line.contains("unexpectedly") || line.contains("stopped during") || line.contains("without a start-up cache");
	}

	private Process runLocal(Ports ports) throws IOException {
		return new ProcessBuilder("./run-local", "--frontend-port=" + ports.of(Service.FRONTEND),
				"--quote-port=" + ports.of(Service.QUOTE), "--time-port=" + ports.of(Service.TIME))
			.directory(this.projectDir.toFile())
			.redirectErrorStream(true)
			.start();
	}

	private static CompletableFuture<Boolean> readUntil(Process process, List<String> output, String marker) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				BufferedReader reader = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				String line;
				while ((line = reader.readLine()) != null) {
					output.add(line);
					if (line.contains(marker)) {
						drainInBackground(reader, output);
						return true;
					}
				}
				return false;
			}
			catch (IOException ex) {
				return false;
			}
		});
	}

	private static void drainInBackground(BufferedReader reader, List<String> output) {
		Thread drain = new Thread(() -> {
			try {
				String line;
				while ((line = reader.readLine()) != null) {
					output.add(line);
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "run-local-output");
		drain.setDaemon(true);
		drain.start();
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
