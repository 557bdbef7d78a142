package dev.qotd.frontend.downstream;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.qotd.support.identity.ServedByFilter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.UnknownContentTypeException;

/**
 * One downstream service as the page needs it: a call that never throws and never
 * outlasts its deadline, and that reports what happened (URL, resolved address, answering
 * pod, status, latency, or why it failed).
 * <p>
 * Each service has its own bound on calls in flight (a bulkhead): a call over it is marked
 * {@code frontend overloaded} at once, without being made. A frozen service then holds at
 * most its own calls, and the other one's part of every page still comes.
 * @param <T> the type of the service's JSON reply
 */
public final class Downstream<T> {

	private static final Logger logger = LoggerFactory.getLogger(Downstream.class);

	private final String name;

	private final URI url;

	private final Supplier<ResponseEntity<T>> exchange;

	private final Function<T, String> part;

	private final Semaphore callsInFlight;

	/**
	 * @param name the service as messages name it, {@code quote} or {@code time}
	 * @param url the URL that {@code exchange} calls
	 * @param exchange the HTTP call
	 * @param part the page's part in the reply; a reply without it is invalid
	 * @param maxCallsInFlight calls made at once at most, until each has ended (after its
	 * deadline, if the service is slow)
	 */
	public Downstream(String name, URI url, Supplier<ResponseEntity<T>> exchange, Function<T, String> part,
			int maxCallsInFlight) {
		this.name = name;
		this.url = url;
		this.exchange = exchange;
		this.part = part;
		this.callsInFlight = new Semaphore(maxCallsInFlight);
	}

	public String name() {
		return this.name;
	}

	/** Calls the service on {@code executor}; completes within {@code deadline}, whatever happens. */
	public CompletableFuture<CallResult> callAsync(Executor executor, Duration deadline) {
		long start = System.nanoTime();
		if (!this.callsInFlight.tryAcquire()) {
			return CompletableFuture.completedFuture(overloaded(start));
		}
		AtomicReference<String> resolvedAddress = new AtomicReference<>();
		try {
			return CompletableFuture.supplyAsync(() -> callWithinBulkhead(start, deadline, resolvedAddress), executor)
				.completeOnTimeout(null, deadline.toMillis(), TimeUnit.MILLISECONDS)
				.thenApply((result) -> (result != null) ? result : noAnswerInTime(start, deadline, resolvedAddress.get()));
		}
		catch (RuntimeException | Error ex) {
			this.callsInFlight.release();
			if (ex instanceof RejectedExecutionException) {
				return CompletableFuture.completedFuture(overloaded(start));
			}
			throw ex;
		}
	}

	private CallResult callWithinBulkhead(long start, Duration deadline, AtomicReference<String> resolvedAddress) {
		try {
			// A call that waited for a thread past its deadline has no page waiting for it.
			if (System.nanoTime() - start >= deadline.toNanos()) {
				return noAnswerInTime(start, deadline, null);
			}
			return call(start, resolvedAddress);
		}
		finally {
			this.callsInFlight.release();
		}
	}

	CallResult call(long start, AtomicReference<String> resolvedAddress) {
		resolvedAddress.set(resolve(this.url.getHost()));
		try {
			ResponseEntity<T> response = this.exchange.get();
			String servedBy = servedBy(response.getHeaders());
			int status = response.getStatusCode().value();
			String value = (response.getBody() != null) ? this.part.apply(response.getBody()) : null;
			if (value == null || value.isBlank()) {
				return failed(start, resolvedAddress.get(), servedBy, status, "invalid response: no " + this.name);
			}
			return new CallResult(value, details(start, resolvedAddress.get(), servedBy, status, null));
		}
		catch (RestClientResponseException ex) {
			int status = ex.getStatusCode().value();
			return failed(start, resolvedAddress.get(), servedBy(ex.getResponseHeaders()), status, "HTTP " + status);
		}
		catch (ResourceAccessException ex) {
			return failed(start, resolvedAddress.get(), null, null, describe(ex.getCause()));
		}
		catch (UnknownContentTypeException ex) {
			return failed(start, resolvedAddress.get(), servedBy(ex.getResponseHeaders()), ex.getStatusCode().value(),
					"invalid response");
		}
		catch (RestClientException ex) {
			return unreadableAnswer(start, resolvedAddress.get(), ex);
		}
		catch (RuntimeException ex) {
			// A defect, not a failed dependency: the page still answers, the log keeps the trace.
			logger.error("The call to {} failed unexpectedly", this.url, ex);
			return failed(start, resolvedAddress.get(), null, null, "unexpected error: " + ex.getClass().getSimpleName());
		}
	}

	/**
	 * An answer arrived but its body could not be read: still name the pod that sent it and
	 * its status, and tell a body that stalled or broke off from one that is not JSON.
	 */
	private CallResult unreadableAnswer(long start, String resolvedAddress, RestClientException ex) {
		String servedBy = null;
		Integer status = null;
		if (ex.getCause() instanceof HttpMessageNotReadableException unreadable
				&& unreadable.getHttpInputMessage() instanceof ClientHttpResponse answer) {
			servedBy = servedBy(answer.getHeaders());
			status = statusOf(answer);
		}
		IOException ioFailure = ioFailureIn(ex);
		return failed(start, resolvedAddress, servedBy, status,
				(ioFailure != null) ? describe(ioFailure) : "invalid response");
	}

	private static Integer statusOf(ClientHttpResponse answer) {
		try {
			return answer.getStatusCode().value();
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static IOException ioFailureIn(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException ioException) {
				return ioException;
			}
		}
		return null;
	}

	private CallResult overloaded(long start) {
		return failed(start, null, null, null, "frontend overloaded");
	}

	private CallResult noAnswerInTime(long start, Duration deadline, String resolvedAddress) {
		return failed(start, resolvedAddress, null, null, "no answer within %d ms".formatted(deadline.toMillis()));
	}

	private CallResult failed(long start, String resolvedAddress, String servedBy, Integer status, String error) {
		return new CallResult(null, details(start, resolvedAddress, servedBy, status, error));
	}

	private CallDetails details(long start, String resolvedAddress, String servedBy, Integer status, String error) {
		long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		return new CallDetails(this.url.toString(), resolvedAddress, servedBy, status, latencyMs, error);
	}

	private static String servedBy(HttpHeaders headers) {
		return (headers != null) ? headers.getFirst(ServedByFilter.HEADER) : null;
	}

	/** The address the JVM resolves {@code host} to, the same lookup the HTTP client makes. */
	private static String resolve(String host) {
		try {
			return InetAddress.getByName(host).getHostAddress();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private String describe(Throwable cause) {
		if (cause instanceof UnknownHostException) {
			return "unknown host " + this.url.getHost();
		}
		if (cause instanceof ConnectTimeoutException) {
			return "connect timed out";
		}
		if (cause instanceof ConnectException) {
			return "connection refused";
		}
		if (cause instanceof NoRouteToHostException) {
			return "no route to host";
		}
		if (cause instanceof SocketTimeoutException) {
			return "read timed out";
		}
		if (cause instanceof NoHttpResponseException) {
			return "connection closed without an answer";
		}
		return "I/O error: " + ((cause != null) ? cause.getClass().getSimpleName() : "unknown");
	}

}
