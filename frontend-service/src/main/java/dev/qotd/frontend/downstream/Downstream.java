package dev.qotd.frontend.downstream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.qotd.support.identity.ServedByFilter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * One downstream service as the page asks it: {@code exchange} (the HTTP call, given the
 * request id to pass on) run on {@code executor}, so that the two calls of a page run at
 * once, and {@code part} (the page's part in the answer) taken out. A call completes normally
 * by the deadline whatever the service does; the HTTP client's timeouts end those given up on.
 */
public record Downstream<T>(URI url, Function<String, ResponseEntity<T>> exchange, Function<T, String> part,
		Executor executor, Duration deadline) {

	public CompletableFuture<Call> call(String requestId) {
		long start = System.nanoTime();
		CompletableFuture<String> address = new CompletableFuture<>();
		return CompletableFuture.supplyAsync(() -> ask(requestId, start, address), this.executor)
			.completeOnTimeout(null, this.deadline.toMillis(), TimeUnit.MILLISECONDS)
			.thenApply((call) -> (call != null) ? call : result(start, address.getNow(null), null, null, null,
					"no answer within %d ms".formatted(this.deadline.toMillis())));
	}

	private Call ask(String requestId, long start, CompletableFuture<String> address) {
		String resolved = resolve(this.url.getHost());
		address.complete(resolved);
		try {
			ResponseEntity<T> answer = this.exchange.apply(requestId);
			int status = answer.getStatusCode().value();
			String value = (answer.getBody() != null) ? this.part.apply(answer.getBody()) : null;
			String error = (status / 100 != 2) ? "HTTP " + status
					: (value == null || value.isBlank()) ? "invalid response" : null;
			return result(start, resolved, answer.getHeaders(), status, value, error);
		}
		catch (RestClientResponseException ex) {
			int status = ex.getStatusCode().value();
			return result(start, resolved, ex.getResponseHeaders(), status, null, "HTTP " + status);
		}
		catch (RestClientException ex) {
			return result(start, resolved, null, null, null, reason(ex));
		}
	}

	/**
	 * What failed: the end of the message of the I/O failure at the root ("connect to ...
	 * failed: connection refused"), or an answer that is not the JSON asked for.
	 */
	private String reason(RestClientException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof UnknownHostException) {
			return "unknown host " + this.url.getHost();
		}
		String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
		return (cause instanceof IOException) ? message.substring(message.lastIndexOf(": ") + 1).strip()
				: "invalid response";
	}

	private Call result(long start, String resolvedAddress, HttpHeaders headers, Integer status, String value,
			String error) {
		String servedBy = (headers != null) ? headers.getFirst(ServedByFilter.HEADER) : null;
		long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		return new Call((error == null) ? value : null, this.url.toString(), resolvedAddress, servedBy, status,
				latencyMs, error);
	}

	/** The address the HTTP client connects to, from the same JVM lookup (and its cache). */
	private static String resolve(String host) {
		try {
			return InetAddress.getByName(host).getHostAddress();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
