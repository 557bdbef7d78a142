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

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.qotd.support.identity.ServedByFilter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * One downstream service as the page asks it: {@code exchange} (the HTTP call) run on
 * {@code executor}, so that the two calls of a page run at once, and {@code part} taken from
 * the answer. A call completes normally by the deadline whatever the service does; an exchange
 * given up on ends at the HTTP client's timeouts, each per read: a trickling answer outlasts them.
 */
public record Downstream<T>(URI url, Function<String, ResponseEntity<T>> exchange, Function<T, String> part,
		Executor executor, Duration deadline) {

	/**
	 * One call as the page's JSON shows it: the URL, the address its host resolved to (a
	 * ClusterIP), the pod that answered ({@code X-Served-By}), the status, the latency and why
	 * the part ({@code value}, a field of the page) is unavailable, {@code null} if it is not.
	 */
	public record Call(@JsonIgnore String value, String url, String resolvedAddress, String servedBy, Integer status,
			long latencyMs, String error) {
	}

	public CompletableFuture<Call> call(String requestId) {
		long start = System.nanoTime();
		CompletableFuture<String> address = new CompletableFuture<>();
		return CompletableFuture.supplyAsync(() -> ask(requestId, start, address), this.executor)
			.completeOnTimeout(null, this.deadline.toMillis(), TimeUnit.MILLISECONDS)
			.thenApply((call) -> (call != null) ? call : result(start, address, null, null, null,
					"no answer within %d ms".formatted(this.deadline.toMillis())));
	}

	private Call ask(String requestId, long start, CompletableFuture<String> address) {
		address.complete(resolve(this.url.getHost()));
		try {
			ResponseEntity<T> answer = this.exchange.apply(requestId);
			int status = answer.getStatusCode().value();
			String value = (answer.getBody() != null) ? this.part.apply(answer.getBody()) : null;
			String error = (status / 100 != 2) ? "HTTP " + status
					: (value == null || value.isBlank()) ? "invalid response" : null;
			return result(start, address, answer.getHeaders(), status, value, error);
		}
		catch (RestClientResponseException ex) {
			int status = ex.getStatusCode().value();
			return result(start, address, ex.getResponseHeaders(), status, null, "HTTP " + status);
		}
		catch (RestClientException ex) {
			return result(start, address, null, null, null, reason(ex));
		}
	}

	/** What failed: the root I/O failure's message ("connection refused"), or the answer. */
	private String reason(RestClientException ex) {
		Throwable cause = ex.getMostSpecificCause();
		String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
		return (cause instanceof UnknownHostException) ? "unknown host " + this.url.getHost()
				: (cause instanceof IOException) ? message.substring(message.lastIndexOf(": ") + 1).strip()
						: "invalid response";
	}

	private Call result(long start, CompletableFuture<String> address, HttpHeaders headers, Integer status,
			String value, String error) {
		String servedBy = (headers != null) ? headers.getFirst(ServedByFilter.HEADER) : null;
		long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		return new Call((error == null) ? value : null, this.url.toString(), address.getNow(null), servedBy, status,
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
