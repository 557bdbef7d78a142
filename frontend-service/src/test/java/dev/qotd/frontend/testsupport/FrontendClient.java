package dev.qotd.frontend.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;

/**
 * Calls the frontend the way curl and browsers do: HTTP/1.1 with exactly the headers given
 * (the JDK client adds no {@code Accept}), timing each answer as the caller sees it.
 */
public final class FrontendClient {

	/** What {@code curl} sends. */
	public static final String CURL_ACCEPT = "*/*";

	/** What Firefox sends for a page. */
	public static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	private static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final int port;

	private FrontendClient(int port) {
		this.port = port;
	}

	/** Frontends on these ports have been warmed up: one application context is shared by its test classes. */
	private static final Set<Integer> warmedUpPorts = ConcurrentHashMap.newKeySet();

	/** A client of the frontend on {@code port}, warmed up the first time that port is asked for. */
	public static FrontendClient warmedUp(int port) {
		FrontendClient frontend = new FrontendClient(port);
		if (warmedUpPorts.add(port)) {
			frontend.warmUp();
		}
		return frontend;
	}

	/**
	 * Asks for the page once in each format, all at once, so that the timings measured next
	 * are not those of a JVM loading classes and compiling the template.
	 */
	private void warmUp() {
		CompletableFuture<?>[] answers = Stream.of(CURL_ACCEPT, "application/json", BROWSER_ACCEPT)
			.map((accept) -> client.sendAsync(request("GET", "/", "Accept", accept).build(),
					HttpResponse.BodyHandlers.discarding()))
			.toArray(CompletableFuture[]::new);
		CompletableFuture.allOf(answers).join();
	}

	/** {@code GET path}, with {@code headers} given as name, value, name, value... */
	public Answer get(String path, String... headers) {
		return send("GET", path, headers);
	}

	public Answer send(String method, String path, String... headers) {
		HttpRequest request = request(method, path, headers).build();
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			return new Answer(response.statusCode(), response.headers(), response.body(), elapsedMs);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The frontend did not answer " + method + " " + path, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private HttpRequest.Builder request(String method, String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (headers.length > 0) {
			request.headers(headers);
		}
		return request;
	}

	/** An answer of the frontend and how long the caller waited for it. */
	public record Answer(int status, HttpHeaders headers, String body, long elapsedMs) {

		public String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		public String contentType() {
			return header("Content-Type");
		}

		public <T> T json(String path) {
			return JsonPath.read(this.body, path);
		}

	}

}
