package dev.qotd.localrun;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounded load on the frontend, as curl users make it: a few clients, each on a
 * keep-alive connection, each asking for the page again shortly after its last answer.
 * Every answer is recorded with when it was asked for and how long it took. The clients
 * stop when told to, and at the latest after a maximum duration, whatever the test does.
 */
final class FrontendLoad implements AutoCloseable {

	/** Longer than any answer may take, so that a hang is recorded rather than waited for. */
	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

	private static final Pattern PAGE = Pattern.compile("Quote: (?<quote>.*)\nTime: (?<time>.*)\n");

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final URI url;

	private final Duration pause;

	private final long origin = System.nanoTime();

	private final long latestEnd;

	private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();

	private final List<Thread> clients = new ArrayList<>();

	private volatile boolean stopped;

	private FrontendLoad(URI url, Duration pause, Duration maxDuration) {
		this.url = url;
		this.pause = pause;
		this.latestEnd = this.origin + maxDuration.toNanos();
	}

	static FrontendLoad start(URI url, int clients, Duration pause, Duration maxDuration) {
		FrontendLoad load = new FrontendLoad(url, pause, maxDuration);
		for (int i = 0; i < clients; i++) {
			Thread client = new Thread(load::run, "frontend-load-" + i);
			client.setDaemon(true);
			client.start();
			load.clients.add(client);
		}
		return load;
	}

	/** Stops the clients and waits for their last answers. */
	void stop() {
		this.stopped = true;
		for (Thread client : this.clients) {
			try {
				client.join(REQUEST_TIMEOUT.multipliedBy(2).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public void close() {
		stop();
	}

	/** The answers so far, in the order they were asked for. */
	Answers answers() {
		List<Answer> sorted = new ArrayList<>(this.answers);
		sorted.sort(Comparator.comparingLong(Answer::start));
		return new Answers(sorted, this.origin);
	}

	private void run() {
		HttpRequest request = HttpRequest.newBuilder(this.url).header("Accept", "*/*").timeout(REQUEST_TIMEOUT).build();
		while (!this.stopped && System.nanoTime() < this.latestEnd) {
			long start = System.nanoTime();
			try {
				HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
				this.answers.add(new Answer(start, System.nanoTime(), response.statusCode(), response.body(), null));
			}
			catch (IOException ex) {
				this.answers.add(new Answer(start, System.nanoTime(), 0, null, ex.toString()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			try {
				Thread.sleep(this.pause.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * One answer of the frontend, or the failure to get one.
	 * @param start when it was asked for ({@link System#nanoTime()})
	 * @param end when it came, or the client gave up
	 * @param status its HTTP status, 0 without an answer
	 * @param body its body, {@code null} without an answer
	 * @param error why there is no answer, {@code null} with one
	 */
	record Answer(long start, long end, int status, String body, String error) {

		Duration took() {
			return Duration.ofNanos(this.end - this.start);
		}

		/** Both lines, each with its part. */
		boolean isFull() {
			return this.status == 200 && hasQuote() && hasTime();
		}

		boolean hasQuote() {
			Matcher page = page();
			return page != null && !page.group("quote").startsWith("unavailable") && !page.group("quote").isBlank();
		}

		boolean hasTime() {
			Matcher page = page();
			return page != null && !page.group("time").startsWith("unavailable") && !page.group("time").isBlank();
		}

		boolean quoteUnavailable() {
			Matcher page = page();
			return page != null && page.group("quote").matches("unavailable \\(.+\\)");
		}

		boolean timeUnavailable() {
			Matcher page = page();
			return page != null && page.group("time").matches("unavailable \\(.+\\)");
		}

		private Matcher page() {
			if (this.body == null) {
				return null;
			}
			Matcher page = PAGE.matcher(this.body);
			return page.matches() ? page : null;
		}

		/** The answer without what changes from one to the next: the quote and the time. */
		String kind() {
			if (this.error != null) {
				return "no answer: " + this.error;
			}
			Matcher page = page();
			if (page == null) {
				return this.status + " '" + this.body + "'";
			}
			String quote = page.group("quote").startsWith("unavailable") ? page.group("quote") : "<quote>";
			String time = page.group("time").startsWith("unavailable") ? page.group("time") : "<time>";
			return this.status + " Quote: " + quote + " / Time: " + time;
		}

	}

	/** Answers, with the timeline they are described on: seconds since the load started. */
	record Answers(List<Answer> all, long origin) {

		Answers startedBetween(long from, long to) {
			return new Answers(this.all.stream().filter((answer) -> answer.start() >= from && answer.start() < to).toList(),
					this.origin);
		}

		Answers endedBefore(long to) {
			return new Answers(this.all.stream().filter((answer) -> answer.end() < to).toList(), this.origin);
		}

		Answers startedAfter(long from) {
			return startedBetween(from, Long.MAX_VALUE);
		}

		/** The first answer that matches, or {@code null}. */
		Answer first(Predicate<Answer> condition) {
			return this.all.stream().filter(condition).findFirst().orElse(null);
		}

		boolean isEmpty() {
			return this.all.isEmpty();
		}

		int size() {
			return this.all.size();
		}

		Answer slowest() {
			return this.all.stream().max(Comparator.comparing(Answer::took)).orElse(null);
		}

		/** Seconds from the start of the load to {@code nanoTime}, as the descriptions show times. */
		String at(long nanoTime) {
			return "+%.1f s".formatted((nanoTime - this.origin) / 1e9);
		}

		/** How many answers of each kind, the slowest, and the answers that break {@code rule}. */
		String describe(Predicate<Answer> rule) {
			Map<String, Integer> kinds = new TreeMap<>();
			this.all.forEach((answer) -> kinds.merge(answer.kind(), 1, Integer::sum));
			StringBuilder description = new StringBuilder();
			description.append("%d answers".formatted(this.all.size()));
			if (!this.all.isEmpty()) {
				description.append(" asked for between %s and %s".formatted(at(this.all.get(0).start()),
						at(this.all.get(this.all.size() - 1).start())));
			}
			description.append(":\n");
			kinds.forEach((kind, count) -> description.append("  %5d x %s%n".formatted(count, kind)));
			Answer slowest = slowest();
			if (slowest != null) {
				description.append("  slowest: %d ms, asked for at %s: %s%n".formatted(slowest.took().toMillis(),
						at(slowest.start()), slowest.kind()));
			}
			List<Answer> breaking = this.all.stream().filter(rule.negate()).limit(5).toList();
			breaking.forEach((answer) -> description.append("  breaking the rule: asked for at %s, %d ms: %s%n"
				.formatted(at(answer.start()), answer.took().toMillis(), answer.kind())));
			return description.toString();
		}

	}

}
