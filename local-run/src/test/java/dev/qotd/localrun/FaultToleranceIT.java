package dev.qotd.localrun;

import java.io.IOException;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three services as processes under a steady load at the frontend while one or two of
 * them die (SIGKILL, as when a node fails) and come back on the same port, freeze (SIGSTOP) or
 * are stopped (SIGTERM, as Kubernetes stops a pod). The frontend answers every request within
 * 2 s with what it has, and is whole again within 3 s of a restarted service being ready; a
 * stopped service finishes what it is sending and ends by itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {

	private static final String FULL = "200 Quote / Time";

	private static final String TIME_UNAVAILABLE = "200 Quote / Time unavailable";

	private static final Predicate<String> OK_IN_TIME = (kind) -> kind.startsWith("200 ");

	private static final Duration RECOVERED_WITHIN = Duration.ofSeconds(3);

	/** How long the load runs in each state. */
	private static final Duration PHASE = Duration.ofSeconds(2);

	/** About 1 MB of quotes: a /quotes answer is larger than socket buffers hold. */
	private static final List<String> QUOTES = IntStream.range(0, 10_000)
		.mapToObj((i) -> "Quote %05d of the fault test, long enough to fill a socket buffer soon: %s".formatted(i,
				"x".repeat(16)))
		.toList();

	/**
	 * The frontend keeps its pooled connections for a minute here, not a second: connections to a
	 * restarted process are then still in the pool, and must not fail a request.
	 */
	@RegisterExtension
	static final RunningApp app = new RunningApp("fault-tolerance-it",
			Map.of("QUOTES_FILE", quotesFile(), "FRONTEND_DOWNSTREAM_CONNECTION_TIME_TO_LIVE", "60s"));

	/** New JVMs answer their first requests slowly: the 2 s are about failing dependencies. */
	@BeforeAll
	static void warmUp() throws Exception {
		new Load().close();
	}

	private static String quotesFile() {
		Path quotes = Path.of(System.getProperty("qotd.project-dir"), "local-run", "target", "fault-quotes.txt");
		try {
			Files.writeString(quotes, QUOTES.stream().map((quote) -> "\"" + quote + "\"\n").collect(Collectors.joining()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return quotes.toAbsolutePath().toString();
	}

	@BeforeEach
	void allServicesUp() throws Exception {
		for (Service service : Service.values()) {
			if (!app.get(service).isAlive()) {
				app.get(service).restart();
			}
		}
	}

	@Test
	@Order(1)
	void withTimeServiceKilledThePageKeepsTheQuoteUntilTimeServiceIsBack() throws Exception {
		try (Load load = new Load()) {
			long killing = System.nanoTime();
			long killed = kill(Service.TIME);
			Thread.sleep(PHASE.toMillis());
			long restarting = System.nanoTime();
			app.get(Service.TIME).restart();
			long ready = System.nanoTime();
			load.close();
			assertEvery(load.all(), "a 200 within 2 s", OK_IN_TIME);
			assertEvery(load.within(Long.MIN_VALUE, killing), "both parts before the kill", FULL::equals);
			assertEvery(load.within(killed, restarting), "the quote while time-service is dead", TIME_UNAVAILABLE::equals);
			assertRecovered(load.within(ready, Long.MAX_VALUE), ready, FULL);
		}
	}

	@Test
	@Order(2)
	void withQuoteServiceKilledTooThePageIsUnavailableUntilBothAreBack() throws Exception {
		try (Load load = new Load()) {
			long killed = kill(Service.QUOTE, Service.TIME);
			Thread.sleep(PHASE.toMillis());
			long quoteRestarting = System.nanoTime();
			app.get(Service.QUOTE).restart();
			long quoteReady = System.nanoTime();
			Thread.sleep(RECOVERED_WITHIN.toMillis());
			long timeRestarting = System.nanoTime();
			app.get(Service.TIME).restart();
			long timeReady = System.nanoTime();
			load.close();
			assertEvery(load.all(), "a 200 or a 503 within 2 s", (kind) -> kind.matches("(200|503) .*"));
			assertEvery(load.within(killed, quoteRestarting), "a 503 while both are dead",
					"503 Quote unavailable / Time unavailable"::equals);
			assertRecovered(load.within(quoteReady, timeRestarting), quoteReady, TIME_UNAVAILABLE);
			assertRecovered(load.within(timeReady, Long.MAX_VALUE), timeReady, FULL);
		}
	}

	/** The frontend's pooled connections to the old process are closed by it: none may fail a request. */
	@Test
	@Order(3)
	void aServiceRestartedWhileTheFrontendIdlesIsNotCalledOnItsOldConnections() throws Exception {
		Load warmUp = new Load();
		warmUp.close();
		app.get(Service.TIME).restart();
		Load load = new Load();
		load.close();
		assertEvery(warmUp.all(), "both parts before the restart", FULL::equals);
		assertEvery(load.all(), "both parts after it", FULL::equals);
	}

	/**
	 * SIGTERM while quote-service writes an answer that cannot all be sent: forty pipelined
	 * {@code /quotes} of 1 MB on one connection whose client reads slowly. Graceful shutdown
	 * stops accepting connections, writes that answer in full and ends the process within 20 s.
	 */
	@Test
	@Order(4)
	void terminatedQuoteServiceFinishesTheAnswerInFlightAndEndsByItself() throws Exception {
		ServiceProcess quote = app.get(Service.QUOTE);
		try (Load load = new Load(); Socket slow = new Socket()) {
			slow.setReceiveBufferSize(4096);
			slow.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), quote.port), 2000);
			slow.setSoTimeout(10_000);
			String request = "GET /quotes HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/plain\r\n\r\n";
			slow.getOutputStream().write(request.repeat(40).getBytes(StandardCharsets.US_ASCII));
			PushbackInputStream answers = new PushbackInputStream(slow.getInputStream());
			answers.unread(answers.read()); // the first answer is on its way
			Thread.sleep(PHASE.toMillis());
			long terminated = System.nanoTime();
			quote.signal("TERM");
			awaitRefused(quote.port);
			Thread.sleep(1000);
			String log = Files.readString(quote.log, StandardCharsets.ISO_8859_1);
			assertThat(quote.isAlive() && log.contains("Commencing graceful shutdown")
					&& !log.contains("Graceful shutdown complete"))
				.as("quote-service writing 1 s after it stopped accepting; its log:%n%s", quote.logTail(10))
				.isTrue();
			List<RawHttp.Response> received = new ArrayList<>();
			for (RawHttp.Response answer; (answer = RawHttp.read(answers)) != null;) {
				received.add(answer);
			}
			Integer exitStatus = quote.awaitExit(Duration.ofSeconds(30));
			Duration took = Duration.ofNanos(System.nanoTime() - terminated);
			load.close();
			assertThat(received).as("whole answers on the slow connection").isNotEmpty().allSatisfy((answer) -> {
				assertThat(answer.status()).isEqualTo(200);
				assertThat(answer.body()).isEqualTo(String.join("\n", QUOTES) + "\n");
			});
			assertThat(exitStatus).as("exit status; the log:%n%s", quote.logTail(10)).isIn(143, 0);
			assertThat(took).isLessThan(Duration.ofSeconds(20));
			assertThat(quote.logTail(10)).contains("Graceful shutdown complete");
			assertEvery(load.all(), "a 200 within 2 s", OK_IN_TIME);
		}
	}

	/**
	 * time-service frozen (SIGSTOP: a stalled JVM, a node cut off) still accepts connections
	 * and requests but never answers: only the frontend's deadline keeps answers within 2 s.
	 */
	@Test
	@Order(5)
	void withTimeServiceFrozenEveryAnswerStillComesWithinTwoSeconds() throws Exception {
		ServiceProcess time = app.get(Service.TIME);
		try (Load load = new Load()) {
			time.signal("STOP");
			long frozen = System.nanoTime();
			long thawed;
			try {
				Thread.sleep(PHASE.multipliedBy(2).toMillis());
			}
			finally {
				// Before SIGCONT: the service answers what is waiting for it as soon as it gets it.
				thawed = System.nanoTime();
				time.signal("CONT");
			}
			load.close();
			assertEvery(load.all(), "a 200 within 2 s", OK_IN_TIME);
			assertEvery(load.within(frozen, thawed), "the quote while time-service is frozen", TIME_UNAVAILABLE::equals);
			assertRecovered(load.within(thawed, Long.MAX_VALUE), thawed, FULL);
		}
	}

	/** SIGKILLs the services; returns once all are dead. */
	private long kill(Service... services) throws Exception {
		for (Service service : services) {
			app.get(service).signal("KILL");
		}
		for (Service service : services) {
			assertThat(app.get(service).awaitExit(Duration.ofSeconds(10))).as(service.module()).isNotNull();
		}
		return System.nanoTime();
	}

	/** Asserts that there are answers and that the kind of every one passes {@code rule}. */
	private void assertEvery(List<Answer> answers, String expected, Predicate<String> rule) {
		Map<String, Long> kinds = answers.stream()
			.collect(Collectors.groupingBy(Answer::kind, TreeMap::new, Collectors.counting()));
		assertThat(!kinds.isEmpty() && kinds.keySet().stream().allMatch(rule))
			.as(() -> "every answer %s; the answers: %s; the end of the logs:%n%s".formatted(expected, kinds,
					Arrays.stream(Service.values())
						.map((service) -> service.module() + ":\n" + app.get(service).logTail(10))
						.collect(Collectors.joining("\n"))))
			.isTrue();
	}

	/** Asserts that an answer of {@code kind} came within 3 s of {@code ready}, and only that kind after it. */
	private void assertRecovered(List<Answer> answers, long ready, String kind) {
		Answer first = answers.stream().filter((answer) -> answer.kind().equals(kind)).findFirst().orElse(null);
		assertThat(first).as("'%s' after being ready; the answers: %s", kind, answers).isNotNull();
		assertThat(Duration.ofNanos(first.end() - ready)).as("'%s' after being ready", kind)
			.isLessThan(RECOVERED_WITHIN);
		assertEvery(answers.stream().filter((answer) -> answer.start() >= first.start()).toList(),
				"'" + kind + "' once the first came", kind::equals);
	}

	/** Waits until the service refuses new connections: it has stopped accepting them. */
	private static void awaitRefused(int port) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
				Thread.sleep(20);
			}
			catch (ConnectException ex) {
				return;
			}
		}
		throw new AssertionError("Still accepting connections 10 s after SIGTERM");
	}

	/**
	 * One answer of the frontend, or the failure to get one, by kind: its status and which parts
	 * it has ({@code 200 Quote / Time unavailable}), {@code late} first if it took 2 s or more.
	 */
	record Answer(long start, long end, String kind) {

	}

	/**
	 * A steady load on the frontend as curl users make it: eight clients on keep-alive
	 * connections, each asking again 100 ms after its last answer, for three minutes at most
	 * whatever the test does. It runs for {@link #PHASE} before the test goes on, and for
	 * {@link #RECOVERED_WITHIN} and {@link #PHASE} more once {@link #close() closed}.
	 */
	private static final class Load implements AutoCloseable {

		private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

		private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();

		private final ExecutorService clients = Executors.newFixedThreadPool(8);

		private volatile boolean stopped;

		Load() throws InterruptedException {
			HttpRequest page = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port(Service.FRONTEND)))
				.timeout(Duration.ofSeconds(5))
				.build();
			long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
			for (int i = 0; i < 8; i++) {
				this.clients.submit(() -> {
					while (!this.stopped && System.nanoTime() < end) {
						ask(page);
						Thread.sleep(100);
					}
					return null;
				});
			}
			Thread.sleep(PHASE.toMillis());
		}

		private void ask(HttpRequest page) throws InterruptedException {
			long start = System.nanoTime();
			String kind;
			try {
				HttpResponse<String> answer = this.client.send(page, HttpResponse.BodyHandlers.ofString());
				kind = answer.statusCode() + " " + answer.body()
					.replaceAll("(?m)^(Quote|Time): unavailable \\(.+\\)$", "$1 unavailable")
					.replaceAll("(?m)^(Quote|Time): .+$", "$1")
					.strip()
					.replace("\n", " / ");
			}
			catch (IOException ex) {
				kind = "no answer: " + ex;
			}
			long end = System.nanoTime();
			this.answers.add(new Answer(start, end, ((end - start >= 2_000_000_000L) ? "late " : "") + kind));
		}

		List<Answer> all() {
			return within(Long.MIN_VALUE, Long.MAX_VALUE);
		}

		/** The answers asked for from {@code from} on that came before {@code to}, in the order asked. */
		List<Answer> within(long from, long to) {
			return this.answers.stream()
				.filter((answer) -> answer.start() >= from && answer.end() < to)
				.sorted(Comparator.comparingLong(Answer::start))
				.toList();
		}

		/** Lets the load run for {@link #RECOVERED_WITHIN} and {@link #PHASE}, then stops it. */
		@Override
		public void close() throws InterruptedException {
			if (!this.stopped) {
				Thread.sleep(RECOVERED_WITHIN.plus(PHASE).toMillis());
				this.stopped = true;
				this.clients.shutdown();
				this.clients.awaitTermination(10, TimeUnit.SECONDS);
			}
		}

	}

}
