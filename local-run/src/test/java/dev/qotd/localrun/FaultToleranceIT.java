package dev.qotd.localrun;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.qotd.localrun.FrontendLoad.Answer;
import dev.qotd.localrun.FrontendLoad.Answers;
import dev.qotd.support.test.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The three services as processes under a steady load at the frontend while one or two of
 * them die (SIGKILL, as when a node fails), come back on the same port, freeze (SIGSTOP,
 * answering nothing) or are stopped (SIGTERM, as Kubernetes stops a pod). The frontend must
 * answer every request within 2 s, with what it has; be whole again within 3 s of a restarted
 * service being ready, with no request failing on a connection to the dead process after
 * that; and a stopped service must finish what it is sending and end by itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {

	private static final int CLIENTS = 8;

	/** Each client's pause between an answer and its next request: a steady, bounded load. */
	private static final Duration CLIENT_PAUSE = Duration.ofMillis(100);

	private static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);

	private static final Duration RECOVERED_WITHIN = Duration.ofSeconds(3);

	/** How long the load runs in each state: with all services up, and after each fault. */
	private static final Duration PHASE = Duration.ofSeconds(2);

	/** The load stops after this whatever happens, so that a failed test leaves nothing running. */
	private static final Duration LOAD_AT_MOST = Duration.ofMinutes(3);

	/** The services' spring.lifecycle.timeout-per-shutdown-phase. */
	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

	/** About 1 MB of quotes, so that /quotes answers are larger than a socket buffer holds. */
	private static final List<String> QUOTES = IntStream.range(0, 10_000)
		.mapToObj((i) -> "Quote %05d of the fault test, long enough to fill a socket buffer soon: %s".formatted(i,
				"x".repeat(16)))
		.toList();

	private LocalApp app;

	@BeforeAll
	void startTheApp() throws IOException {
		Path projectDir = Path.of(System.getProperty("qotd.project-dir", ".."));
		Path workDirectory = Files.createDirectories(projectDir.resolve("local-run/target/fault-tolerance-it"));
		Path quotesFile = Files.writeString(workDirectory.resolve("quotes.txt"),
				QUOTES.stream().map((quote) -> "\"" + quote + "\"\n").collect(Collectors.joining()));
		this.app = LocalApp.builder(projectDir)
			.ports(Ports.free())
			.logDirectory(workDirectory.resolve("logs"))
			.environment(Service.QUOTE, "QUOTES_FILE", quotesFile.toString())
			.start();
		// The first requests to new JVMs are slow (classes load, code is interpreted); the
		// 2 s budget is about failing dependencies, not about that.
		try (FrontendLoad warmUp = startLoad()) {
			pause(PHASE);
		}
	}

	@AfterAll
	void stopTheApp() {
		if (this.app != null) {
			this.app.close();
		}
	}

	/** Each test starts with the three services up, whatever the test before left. */
	@BeforeEach
	void allServicesUp() {
		for (Service service : Service.values()) {
			if (!this.app.process(service).isAlive()) {
				this.app.restart(service);
			}
		}
	}

	@Test
	@Order(1)
	void withTimeServiceKilledThePageKeepsTheQuoteUntilTimeServiceIsBack() {
		try (FrontendLoad load = startLoad()) {
			pause(PHASE);
			long killing = System.nanoTime();
			long killed = kill(Service.TIME);
			pause(PHASE);
			long restarting = System.nanoTime();
			this.app.restart(Service.TIME);
			long ready = System.nanoTime();
			pause(RECOVERED_WITHIN.plus(PHASE));
			load.stop();

			Answers answers = load.answers();
			print("before time-service was killed", answers.startedBetween(Long.MIN_VALUE, killing));
			print("time-service dead", answers.startedBetween(killed, restarting));
			print("time-service restarting (%.1f s)".formatted(seconds(ready - restarting)),
					answers.startedBetween(restarting, ready));
			print("time-service back", answers.startedAfter(ready));
			assertEvery(answers, "a 200 within " + ANSWER_WITHIN.toMillis() + " ms",
					(answer) -> answer.status() == 200 && answer.took().compareTo(ANSWER_WITHIN) < 0, Service.TIME);
			assertEvery(answers.endedBefore(killing), "answered before the kill: both lines", Answer::isFull,
					Service.TIME);
			assertEvery(answers.startedBetween(killed, restarting),
					"asked for while time-service was dead: the quote and 'Time: unavailable (...)'",
					(answer) -> answer.hasQuote() && answer.timeUnavailable(), Service.TIME);
			assertRecovered(answers, ready, "both lines", Answer::isFull, Service.TIME);
		}
	}

	@Test
	@Order(2)
	void withQuoteServiceKilledTooThePageIsUnavailableUntilBothAreBack() {
		try (FrontendLoad load = startLoad()) {
			pause(PHASE);
			long killed = kill(Service.QUOTE, Service.TIME);
			pause(PHASE);
			long quoteRestarting = System.nanoTime();
			this.app.restart(Service.QUOTE);
			long quoteReady = System.nanoTime();
			pause(RECOVERED_WITHIN);
			long timeRestarting = System.nanoTime();
			this.app.restart(Service.TIME);
			long timeReady = System.nanoTime();
			pause(RECOVERED_WITHIN.plus(PHASE));
			load.stop();

			Answers answers = load.answers();
			print("quote-service and time-service dead", answers.startedBetween(killed, quoteRestarting));
			print("quote-service restarting (%.1f s)".formatted(seconds(quoteReady - quoteRestarting)),
					answers.startedBetween(quoteRestarting, quoteReady));
			print("quote-service back", answers.startedBetween(quoteReady, timeRestarting));
			print("time-service restarting (%.1f s)".formatted(seconds(timeReady - timeRestarting)),
					answers.startedBetween(timeRestarting, timeReady));
			print("time-service back", answers.startedAfter(timeReady));
			assertEvery(answers, "a 200 or a 503 within " + ANSWER_WITHIN.toMillis() + " ms",
					(answer) -> (answer.status() == 200 || answer.status() == 503)
							&& answer.took().compareTo(ANSWER_WITHIN) < 0,
					Service.QUOTE, Service.TIME);
			assertEvery(answers.startedBetween(killed, quoteRestarting),
					"asked for while both were dead: a 503 saying 'Quote: unavailable (...)' and 'Time: unavailable (...)'",
					(answer) -> answer.status() == 503 && answer.quoteUnavailable() && answer.timeUnavailable(),
					Service.QUOTE, Service.TIME);
			assertRecovered(answers.startedBetween(quoteReady, timeRestarting), quoteReady,
					"a 200 with the quote and 'Time: unavailable (...)'",
					(answer) -> answer.status() == 200 && answer.hasQuote() && answer.timeUnavailable(), Service.QUOTE);
			assertRecovered(answers, timeReady, "both lines", Answer::isFull, Service.TIME);
		}
	}

	/**
	 * time-service restarts while the frontend idles: the frontend's pooled keep-alive
	 * connections to it are closed by the old process, and when the load resumes not one
	 * request may fail on them.
	 */
	@Test
	@Order(3)
	void aServiceRestartedWhileTheFrontendIdlesIsNotCalledOnItsOldConnections() {
		FrontendLoad warmUp = startLoad();
		pause(PHASE);
		warmUp.stop();
		assertEvery(warmUp.answers(), "both lines", Answer::isFull, Service.TIME);
		this.app.restart(Service.TIME);
		try (FrontendLoad load = startLoad()) {
			pause(PHASE);
			load.stop();
			Answers answers = load.answers();
			print("time-service restarted while the frontend idled", answers);
			assertEvery(answers, "both lines, time-service having been ready before the load resumed",
					Answer::isFull, Service.TIME);
		}
	}

	/**
	 * quote-service is sent SIGTERM while it writes an answer that cannot all be sent: forty
	 * {@code /quotes} requests of about 1 MB each, pipelined on one connection whose client
	 * reads slowly, so that the socket buffers fill and the servlet blocks on a write (more
	 * than the largest socket buffers a host may be tuned to hold; only the answers that fit
	 * are ever read). Graceful shutdown must stop accepting connections, wait for that answer
	 * to be written in full, then end the process by itself (exit status 143, or 0) within the
	 * shutdown timeout.
	 */
	@Test
	@Order(4)
	void terminatedQuoteServiceFinishesTheAnswerInFlightAndEndsByItself() throws IOException {
		ServiceProcess quote = this.app.process(Service.QUOTE);
		try (FrontendLoad load = startLoad(); SlowReader reader = SlowReader.open(quote.port(), "/quotes", 40)) {
			pause(PHASE);
			reader.readSome();
			long terminated = System.nanoTime();
			quote.terminate();
			awaitRefused(quote, Duration.ofSeconds(10));
			pause(Duration.ofSeconds(1));
			String logAfterSigterm = log(quote);
			boolean stillWriting = quote.isAlive() && logAfterSigterm.contains("Commencing graceful shutdown")
					&& !logAfterSigterm.contains("Graceful shutdown complete");
			String logWhileHeld = quote.logTail(10);

			List<PipelinedAnswer> received = reader.readToEnd(Duration.ofSeconds(60));
			long readAll = System.nanoTime();
			Integer exitStatus = quote.awaitExit(SHUTDOWN_TIMEOUT.plusSeconds(10));
			long ended = System.nanoTime();
			pause(PHASE);
			load.stop();
			System.out.printf("quote-service after SIGTERM: stopped accepting, finished %d answers of %d bytes, "
					+ "exited with %s %.1f s after SIGTERM (%.1f s after its last answer was read)%n", received.size(),
					received.isEmpty() ? 0 : received.get(0).body().length(), exitStatus, seconds(ended - terminated),
					seconds(ended - readAll));
			print("quote-service terminating", load.answers().startedAfter(terminated));

			String allQuotes = String.join("\n", QUOTES) + "\n";
			assertThat(received).as("complete answers on the connection, of those asked for before SIGTERM")
				.isNotEmpty()
				.allSatisfy((answer) -> assertThat(answer.status() == 200 && answer.body().equals(allQuotes))
					.as("a 200 with all %d quotes (%d characters); got a %d of %d characters starting '%.80s'",
							QUOTES.size(), allQuotes.length(), answer.status(), answer.body().length(), answer.body())
					.isTrue());
			assertThat(stillWriting)
				.as("quote-service waiting for the answer it writes, 1 s after it stopped accepting connections; "
						+ "its log then:%n%s", logWhileHeld)
				.isTrue();
			assertThat(exitStatus).as("exit status of quote-service, %.1f s after SIGTERM, %.1f s after its last "
					+ "answer was read; its log:%n%s", seconds(ended - terminated), seconds(ended - readAll),
					quote.logTail(10))
				.isIn(143, 0);
			assertThat(Duration.ofNanos(ended - terminated)).isLessThan(SHUTDOWN_TIMEOUT);
			assertThat(log(quote)).contains("Graceful shutdown complete");
			assertEvery(load.answers(), "a 200 within " + ANSWER_WITHIN.toMillis() + " ms",
					(answer) -> answer.status() == 200 && answer.took().compareTo(ANSWER_WITHIN) < 0, Service.QUOTE);
		}
	}

	/**
	 * time-service stops answering without closing anything (SIGSTOP: a JVM stalled, a node
	 * cut off): the kernel still accepts connections and takes requests, but no answer comes.
	 * Unlike a dead process, which refuses at once, only the frontend's deadline and
	 * timeouts keep every answer within 2 s; after SIGCONT the page is whole again.
	 */
	@Test
	@Order(5)
	void withTimeServiceFrozenEveryAnswerStillComesWithinTwoSeconds() {
		ServiceProcess time = this.app.process(Service.TIME);
		try (FrontendLoad load = startLoad()) {
			pause(PHASE);
			long frozen;
			long thawed;
			signal(time, "STOP");
			try {
				frozen = System.nanoTime();
				pause(PHASE.multipliedBy(2));
			}
			finally {
				signal(time, "CONT");
				thawed = System.nanoTime();
			}
			pause(RECOVERED_WITHIN.plus(PHASE));
			load.stop();

			Answers answers = load.answers();
			Answers whileFrozen = answers.startedBetween(frozen, thawed).endedBefore(thawed);
			print("time-service frozen", whileFrozen);
			print("time-service thawed", answers.startedAfter(thawed));
			assertEvery(answers, "a 200 within " + ANSWER_WITHIN.toMillis() + " ms",
					(answer) -> answer.status() == 200 && answer.took().compareTo(ANSWER_WITHIN) < 0, Service.TIME);
			assertEvery(whileFrozen, "asked for and answered while time-service was frozen: the quote and "
					+ "'Time: unavailable (...)'", (answer) -> answer.hasQuote() && answer.timeUnavailable(),
					Service.TIME);
			assertRecovered(answers, thawed, "both lines", Answer::isFull, Service.TIME);
		}
	}

	/** Sends {@code SIG<name>} to a service's process, as {@code kill -<name>} does. */
	private static void signal(ServiceProcess service, String name) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(service.pid())).inheritIO().start();
			assertThat(kill.waitFor()).as("kill -%s %s", name, service.pid()).isZero();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run kill -" + name, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** What the load met in a phase, for the test's output: how many answers of each kind, the slowest. */
	private static void print(String phase, Answers answers) {
		System.out.printf("%s: %s", phase, answers.describe((answer) -> true));
	}

	private FrontendLoad startLoad() {
		return FrontendLoad.start(this.app.frontendUrl(), CLIENTS, CLIENT_PAUSE, LOAD_AT_MOST);
	}

	/** SIGKILLs the services and returns once all are dead. */
	private long kill(Service... services) {
		for (Service service : services) {
			this.app.process(service).kill();
		}
		for (Service service : services) {
			assertThat(this.app.process(service).awaitExit(Duration.ofSeconds(10))).as("%s killed", service.module())
				.isNotNull();
		}
		return System.nanoTime();
	}

	private void assertEvery(Answers answers, String expectation, Predicate<Answer> rule, Service... faulty) {
		if (answers.isEmpty() || !answers.all().stream().allMatch(rule)) {
			fail("Expected every answer to be %s; found %s%n%s", expectation, answers.describe(rule), logTails(faulty));
		}
	}

	/**
	 * Asserts that an answer of the kind {@code recovered} came within 3 s of {@code ready},
	 * and that every answer asked for after it is of that kind too.
	 */
	private void assertRecovered(Answers answers, long ready, String recovered, Predicate<Answer> rule,
			Service service) {
		Answers afterReady = answers.startedAfter(ready);
		Answer first = afterReady.first(rule);
		if (first == null || first.end() - ready > RECOVERED_WITHIN.toNanos()) {
			fail("Expected %s within %d ms of %s being ready (at %s); found %s%n%s", recovered,
					RECOVERED_WITHIN.toMillis(), service.module(), answers.at(ready), afterReady.describe(rule),
					logTails(service));
		}
		System.out.printf("%s ready at %s: first answer with %s %d ms later%n", service.module(), answers.at(ready),
				recovered, Duration.ofNanos(first.end() - ready).toMillis());
		assertEvery(afterReady.startedAfter(first.start()),
				recovered + " once the first came, at " + answers.at(first.start()), rule, service);
	}

	private String logTails(Service... services) {
		StringBuilder tails = new StringBuilder();
		List<Service> shown = new ArrayList<>(Arrays.asList(services));
		shown.add(Service.FRONTEND);
		for (Service service : shown) {
			ServiceProcess process = this.app.process(service);
			tails.append("The end of %s's log, %s:%n%s%n".formatted(service.module(), process.log(),
					process.logTail(15)));
		}
		return tails.toString();
	}

	private static String log(ServiceProcess process) {
		try {
			return Files.readString(process.log());
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** Waits until the service refuses new connections: it has stopped accepting them. */
	private static void awaitRefused(ServiceProcess process, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), process.port()), 1000);
			}
			catch (ConnectException ex) {
				return;
			}
			catch (IOException ex) {
				// try again
			}
			pause(Duration.ofMillis(20));
		}
		fail("%s still accepts connections %d s after SIGTERM", process.service().module(), timeout.toSeconds());
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	/** One answer read from a connection that carried several: its status and body. */
	record PipelinedAnswer(int status, String body) {

	}

	/**
	 * A client that sends several requests at once on one connection with a small receive
	 * buffer and reads their answers only when told: what it does not read fills the
	 * buffers, and the service blocks writing.
	 */
	private static final class SlowReader implements AutoCloseable {

		private final Socket socket;

		private final ByteArrayOutputStream received = new ByteArrayOutputStream();

		private SlowReader(Socket socket) {
			this.socket = socket;
		}

		static SlowReader open(int port, String path, int requests) throws IOException {
			Socket socket = new Socket();
			try {
				socket.setReceiveBufferSize(4096);
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
				socket.setSoTimeout(10_000);
				String request = "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAccept: text/plain\r\n\r\n".formatted(path,
						port);
				socket.getOutputStream().write(request.repeat(requests).getBytes(StandardCharsets.US_ASCII));
				return new SlowReader(socket);
			}
			catch (IOException ex) {
				socket.close();
				throw ex;
			}
		}

		/** Reads the start of the first answer: the service is writing. */
		void readSome() throws IOException {
			this.received.write(this.socket.getInputStream().readNBytes(16 * 1024));
		}

		/** Reads until the service closes the connection and returns the complete answers. */
		List<PipelinedAnswer> readToEnd(Duration timeout) throws IOException {
			long deadline = System.nanoTime() + timeout.toNanos();
			InputStream input = this.socket.getInputStream();
			byte[] buffer = new byte[64 * 1024];
			try {
				int read;
				while ((read = input.read(buffer)) >= 0) {
					this.received.write(buffer, 0, read);
					if (System.nanoTime() > deadline) {
						fail("The answers did not end within %d s", timeout.toSeconds());
					}
				}
			}
			catch (IOException ex) {
				fail("The connection broke after %d bytes (%s); the answers it carried: %s", this.received.size(), ex,
						describe(this.received.toByteArray()));
			}
			return parse(this.received.toByteArray());
		}

		private static String describe(byte[] bytes) {
			try {
				return parse(bytes).size() + " complete";
			}
			catch (AssertionError ex) {
				return ex.getMessage();
			}
		}

		/** The answers, each complete: an answer cut short fails. */
		private static List<PipelinedAnswer> parse(byte[] bytes) {
			List<PipelinedAnswer> answers = new ArrayList<>();
			int offset = 0;
			while (offset < bytes.length) {
				int headEnd = RawHttp.Response.headEnd(Arrays.copyOfRange(bytes, offset, bytes.length));
				if (headEnd < 0) {
					fail("Answer %d is cut short in its headers, after %d bytes", answers.size() + 1,
							bytes.length - offset);
				}
				String[] head = new String(bytes, offset, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
				int length = Arrays.stream(head)
					.filter((line) -> line.regionMatches(true, 0, "Content-Length:", 0, 15))
					.map((line) -> Integer.parseInt(line.substring(15).strip()))
					.findFirst()
					.orElseThrow(() -> new AssertionError("No Content-Length in " + Arrays.toString(head)));
				int bodyStart = offset + headEnd + 4;
				if (bodyStart + length > bytes.length) {
					fail("Answer %d is cut short: %d of its %d bytes came", answers.size() + 1,
							bytes.length - bodyStart, length);
				}
				answers.add(new PipelinedAnswer(Integer.parseInt(head[0].substring(9, 12)),
						new String(bytes, bodyStart, length, StandardCharsets.UTF_8)));
				offset = bodyStart + length;
			}
			return answers;
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
