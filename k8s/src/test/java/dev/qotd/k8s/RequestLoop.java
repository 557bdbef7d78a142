package dev.qotd.k8s;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The same request sent over and over by a few workers, each pausing between its
 * requests, until it is stopped, has sent a given number of requests, or has run for its
 * time limit, whichever comes first: it always ends. Every answer is judged; the
 * {@link Report} counts the failures with their reasons, who answered and a latency
 * histogram.
 */
final class RequestLoop {

	/** Upper bounds of the latency histogram's buckets, in milliseconds; the last bucket is open. */
	static final long[] LATENCY_BUCKETS_MS = { 100, 250, 500, 1000, 2000 };

	private final HttpClient client;

	private final HttpRequest request;

	private final Function<HttpResponse<String>, Outcome> judge;

	private final int maxRequests;

	private final Duration limit;

	private final long startNanos = System.nanoTime();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private final CountDownLatch finished;

	private final List<Thread> workers = new ArrayList<>();

	private final List<Result> results = new ArrayList<>();

	private final Object monitor = new Object();

	private int started;

	private volatile boolean limitReached;

	private RequestLoop(HttpClient client, HttpRequest request, Function<HttpResponse<String>, Outcome> judge,
			Settings settings) {
		this.client = client;
		this.request = request;
		this.judge = judge;
		this.maxRequests = settings.maxRequests();
		this.limit = settings.limit();
		this.finished = new CountDownLatch(settings.workers());
		for (int i = 0; i < settings.workers(); i++) {
			Thread worker = new Thread(() -> work(settings.pause()), "request-loop-" + (i + 1));
			worker.setDaemon(true);
			this.workers.add(worker);
		}
	}

	/**
	 * Starts the loop.
	 * @param request the request; its timeout is the longest a request may take before
	 * it counts as failed
	 * @param judge tells a good answer from a failed one
	 */
	static RequestLoop start(HttpClient client, HttpRequest request, Function<HttpResponse<String>, Outcome> judge,
			Settings settings) {
		if (request.timeout().isEmpty()) {
			throw new IllegalArgumentException("The request needs a timeout, or the loop might not end");
		}
		RequestLoop loop = new RequestLoop(client, request, judge, settings);
		loop.workers.forEach(Thread::start);
		return loop;
	}

	private void work(Duration pause) {
		try {
			while (!isStopped()) {
				if (elapsed().compareTo(this.limit) >= 0) {
					this.limitReached = true;
					return;
				}
				if (!claimRequest()) {
					return;
				}
				record(send());
				if (this.stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.finished.countDown();
			synchronized (this.monitor) {
				this.monitor.notifyAll();
			}
		}
	}

	private boolean isStopped() {
		return this.stopped.getCount() == 0;
	}

	private boolean claimRequest() {
		synchronized (this.monitor) {
			if (this.maxRequests > 0 && this.started >= this.maxRequests) {
				return false;
			}
			this.started++;
			return true;
		}
	}

	/** Sends the request once; never throws but for an interrupt. */
	private Result send() throws InterruptedException {
		Duration at = elapsed();
		long start = System.nanoTime();
		Outcome outcome;
		try {
			outcome = this.judge.apply(this.client.send(this.request, HttpResponse.BodyHandlers.ofString()));
		}
		catch (HttpTimeoutException ex) {
			outcome = Outcome.failed("no answer within " + this.request.timeout().get().toMillis() + " ms");
		}
		catch (ConnectException ex) {
			outcome = Outcome.failed("cannot connect: " + ex.getMessage());
		}
		catch (IOException ex) {
			outcome = Outcome.failed(ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			outcome = Outcome.failed("unreadable answer: " + ex);
		}
		return new Result(at, Duration.ofNanos(System.nanoTime() - start), outcome);
	}

	private void record(Result result) {
		synchronized (this.monitor) {
			this.results.add(result);
			this.monitor.notifyAll();
		}
	}

	private Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - this.startNanos);
	}

	/**
	 * Waits until a good answer came from {@code answerer}, for at most {@code timeout}.
	 * @return whether one did
	 */
	boolean awaitAnswerFrom(String answerer, Duration timeout) throws InterruptedException {
		return awaitResult((result) -> answerer.equals(result.outcome().answeredBy()), timeout);
	}

	/**
	 * Waits until a good answer came, for at most {@code timeout}.
	 * @return whether one did
	 */
	boolean awaitGoodAnswer(Duration timeout) throws InterruptedException {
		return awaitResult((result) -> result.outcome().isGood(), timeout);
	}

	private boolean awaitResult(Predicate<Result> wanted, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (this.results.stream().noneMatch(wanted)) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0 || this.finished.getCount() == 0) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(this.monitor, remaining);
			}
			return true;
		}
	}

	/** Waits for the loop to end by itself (its number of requests, or its time limit). */
	Report awaitEnd() throws InterruptedException {
		awaitWorkers();
		return report();
	}

	/** Stops the loop: no request is started after this; waits for those under way. */
	Report stop() throws InterruptedException {
		this.stopped.countDown();
		awaitWorkers();
		return report();
	}

	private void awaitWorkers() throws InterruptedException {
		Duration bound = this.limit.minus(elapsed()).plus(this.request.timeout().get()).plusSeconds(5);
		if (!this.finished.await(Math.max(bound.toMillis(), 5000), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("The request loop's workers did not end within " + bound);
		}
	}

	private Report report() {
		synchronized (this.monitor) {
			return new Report(List.copyOf(this.results), elapsed(), this.limitReached);
		}
	}

	/**
	 * How the loop runs.
	 * @param workers requests under way at once
	 * @param pause each worker's pause between the end of a request and the next
	 * @param maxRequests requests to send at most; 0 for no bound but the time limit
	 * @param limit the longest the loop runs
	 */
	record Settings(int workers, Duration pause, int maxRequests, Duration limit) {

		Settings {
			if (workers < 1 || limit.isNegative() || limit.isZero() || pause.isNegative() || maxRequests < 0) {
				throw new IllegalArgumentException("Unusable request loop settings: " + workers + " workers, pause "
						+ pause + ", " + maxRequests + " requests, limit " + limit);
			}
		}

		/** Requests sent until stopped, for at most {@code limit}. */
		static Settings until(int workers, Duration pause, Duration limit) {
			return new Settings(workers, pause, 0, limit);
		}

		/** {@code count} requests, one after the other, {@code pause} apart. */
		static Settings sequence(int count, Duration pause, Duration limit) {
			return new Settings(1, pause, count, limit);
		}

	}

	/**
	 * The judgement of one answer.
	 * @param failure why it failed, or {@code null} for a good answer
	 * @param answeredBy who answered (a pod), or {@code null} when unknown
	 */
	record Outcome(String failure, String answeredBy) {

		static Outcome good(String answeredBy) {
			return new Outcome(null, answeredBy);
		}

		static Outcome failed(String failure) {
			return new Outcome(failure, null);
		}

		boolean isGood() {
			return this.failure == null;
		}

	}

	/**
	 * One request.
	 * @param at when it was sent, from the start of the loop
	 * @param latency how long it took
	 */
	record Result(Duration at, Duration latency, Outcome outcome) {

	}

	/**
	 * What the loop saw.
	 * @param results every request, in the order they ended
	 * @param duration how long the loop ran
	 * @param endedByLimit whether it ran into its time limit before it was stopped or had
	 * sent all its requests
	 */
	record Report(List<Result> results, Duration duration, boolean endedByLimit) {

		private static final int FAILURES_SHOWN = 20;

		int requests() {
			return this.results.size();
		}

		List<Result> failures() {
			return this.results.stream().filter((result) -> !result.outcome().isGood()).toList();
		}

		/** The number of good answers by each answerer, in the order they first answered. */
		Map<String, Integer> answeredBy() {
			Map<String, Integer> answeredBy = new LinkedHashMap<>();
			this.results.stream()
				.map(Result::outcome)
				.filter((outcome) -> outcome.isGood() && outcome.answeredBy() != null)
				.forEach((outcome) -> answeredBy.merge(outcome.answeredBy(), 1, Integer::sum));
			return answeredBy;
		}

		/** The number of failures for each reason. */
		Map<String, Integer> failureReasons() {
			Map<String, Integer> reasons = new LinkedHashMap<>();
			failures().forEach((result) -> reasons.merge(result.outcome().failure(), 1, Integer::sum));
			return reasons;
		}

		/**
		 * The number of requests in each latency bucket: below 100 ms, 250 ms, 500 ms,
		 * 1 s, 2 s, and from 2 s on.
		 */
		long[] latencyHistogram() {
			long[] histogram = new long[LATENCY_BUCKETS_MS.length + 1];
			for (Result result : this.results) {
				long millis = result.latency().toMillis();
				int bucket = 0;
				while (bucket < LATENCY_BUCKETS_MS.length && millis >= LATENCY_BUCKETS_MS[bucket]) {
					bucket++;
				}
				histogram[bucket]++;
			}
			return histogram;
		}

		/** A few lines for a person: counts, histogram, answerers, and the first failures. */
		String summary() {
			List<Result> failures = failures();
			List<String> buckets = new ArrayList<>();
			long[] histogram = latencyHistogram();
			for (int bucket = 0; bucket < histogram.length; bucket++) {
				String label = (bucket < LATENCY_BUCKETS_MS.length) ? "<" + LATENCY_BUCKETS_MS[bucket]
						: ">=" + LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1];
				buckets.add(label + " ms: " + histogram[bucket]);
			}
			StringBuilder summary = new StringBuilder();
			summary.append(String.format(Locale.ROOT, "%d requests in %.1f s, %d failed%s\n", requests(),
					seconds(this.duration), failures.size(), this.endedByLimit ? " (ended by its time limit)" : ""));
			summary.append("latency: ").append(String.join(", ", buckets)).append('\n');
			summary.append("answered by: ").append(answeredBy()).append('\n');
			if (!failures.isEmpty()) {
				summary.append("failures by reason: ").append(failureReasons()).append('\n');
				for (Result failure : failures.subList(0, Math.min(failures.size(), FAILURES_SHOWN))) {
					summary.append(String.format(Locale.ROOT, "  at %.1f s (%d ms): %s\n", seconds(failure.at()),
							failure.latency().toMillis(), failure.outcome().failure()));
				}
				if (failures.size() > FAILURES_SHOWN) {
					summary.append("  ... and ").append(failures.size() - FAILURES_SHOWN).append(" more\n");
				}
			}
			return summary.toString();
		}

		private static double seconds(Duration duration) {
			return duration.toMillis() / 1000.0;
		}

	}

}
