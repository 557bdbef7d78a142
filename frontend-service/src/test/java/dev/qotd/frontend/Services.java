package dev.qotd.frontend;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.jayway.jsonpath.JsonPath;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

/**
 * quote-service and time-service as WireMock stubs on loopback, answering as the real ones
 * do, and the frontend called as curl and browsers call it, each answer timed.
 */
final class Services {

	static final String QUOTE = "The journey of a thousand miles begins with a single step.";

	static final String TIME = "Sat Nov 28 18:29:03 UTC 2026";

	static final String QUOTE_POD = "quote-5d8f7c9b6d-abcde";

	static final String TIME_POD = "time-7b9c6f5d4-xyz12";

	/**
	 * The contract's 2 s (the 1.5 s deadline, then the page), with room for a loaded machine;
	 * a page that waited for a slow stub would take its 6 s.
	 */
	static final long ANSWERED_WITHIN_MS = 3000;

	static final int SLOW_MS = 6000;

	/** The deadline, or the read timeout (equal to it by default) when it fires first. */
	static final String GAVE_UP = "no answer within 1500 ms|read timed out";

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private Services() {
	}

	static WireMockExtension stub(WireMockConfiguration options) {
		return WireMockExtension.newInstance()
			.options(options.dynamicPort().bindAddress("127.0.0.1").asynchronousResponseEnabled(true))
			.build();
	}

	static ResponseDefinitionBuilder quoteAnswer() {
		return okJson("""
				{"quote": "%s", "servedBy": {"podName": "%s", "podIp": "10.42.0.11", "nodeName": "node-1"}}
				""".formatted(QUOTE, QUOTE_POD)).withHeader("X-Served-By", QUOTE_POD);
	}

	static ResponseDefinitionBuilder timeAnswer() {
		return okJson("""
				{"dateTime": "2026-11-28T18:29:03Z", "zone": "UTC", "epochMillis": 1795717743000, "text": "%s",
				 "servedBy": {"podName": "%s", "podIp": "10.42.0.12", "nodeName": "node-1"}}
				""".formatted(TIME, TIME_POD)).withHeader("X-Served-By", TIME_POD);
	}

	/**
	 * Has the frontend on {@code port} assemble a page from both services once, so that the
	 * first exchange of the JVM, which loads many classes, falls in no test's deadline.
	 */
	static void warmUp(int port, WireMockExtension quoteService, WireMockExtension timeService) {
		quoteService.stubFor(get("/quote").willReturn(quoteAnswer()));
		timeService.stubFor(get("/time").willReturn(timeAnswer()));
		page(port, "Accept", "application/json");
	}

	/** {@code GET /} of the frontend on {@code port}, with {@code headers} as name, value, ... */
	static Page page(int port, String... headers) {
		return fetch(port, "/", headers);
	}

	static Page fetch(int port, String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
			return new Page(response, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An answer of the frontend, and how long its caller waited for it. */
	record Page(HttpResponse<String> response, long elapsedMs) {

		int status() {
			return this.response.statusCode();
		}

		String body() {
			return this.response.body();
		}

		String header(String name) {
			return this.response.headers().firstValue(name).orElse(null);
		}

		<T> T json(String path) {
			return JsonPath.read(this.response.body(), path);
		}

	}

}
