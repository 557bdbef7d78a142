package dev.qotd.frontend.testsupport;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import dev.qotd.support.test.LocalHttp;

/**
 * Calls the frontend the way curl and browsers do ({@link LocalHttp}: HTTP/1.1 with exactly
 * the headers given), timing each answer as the caller sees it.
 */
public final class FrontendClient {

	/** What {@code curl} sends. */
	public static final String CURL_ACCEPT = "*/*";

	/** What Firefox sends for a page. */
	public static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	/** Frontends on these ports have been warmed up: one application context is shared by its test classes. */
	private static final Set<Integer> warmedUpPorts = ConcurrentHashMap.newKeySet();

	private final LocalHttp http;

	private FrontendClient(int port) {
		this.http = LocalHttp.onPort(port);
	}

	/** A client of the frontend on {@code port}, warmed up the first time that port is asked for. */
	public static FrontendClient warmedUp(int port) {
		FrontendClient frontend = new FrontendClient(port);
		if (warmedUpPorts.add(port)) {
			frontend.warmUp();
		}
		return frontend;
	}

	/**
	 * Asks for the page once in each format, so that the timings measured next are not those
	 * of a JVM loading classes and compiling the template.
	 */
	private void warmUp() {
		for (String accept : Set.of(CURL_ACCEPT, "application/json", BROWSER_ACCEPT)) {
			get("/", "Accept", accept);
		}
	}

	/** {@code GET path}, with {@code headers} given as name, value, name, value... */
	public Answer get(String path, String... headers) {
		return send("GET", path, headers);
	}

	public Answer send(String method, String path, String... headers) {
		long start = System.nanoTime();
		HttpResponse<String> response = this.http.send(method, path, headers);
		long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		return new Answer(response.statusCode(), response.headers(), response.body(), elapsedMs);
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
