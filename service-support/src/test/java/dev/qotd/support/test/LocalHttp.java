package dev.qotd.support.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A real HTTP client for a service started on a random port. It sends only the headers a
 * test gives, no default {@code Accept} (curl's {@code Accept: *}{@code /*} is sent where a
 * test means curl), so that content negotiation is tested as clients meet it.
 */
public final class LocalHttp {

	private static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String baseUri;

	private LocalHttp(String baseUri) {
		this.baseUri = baseUri;
	}

	/** A client for {@code 127.0.0.1:port}: an IPv4 literal, so that addresses are predictable. */
	public static LocalHttp onPort(int port) {
		return new LocalHttp("http://127.0.0.1:" + port);
	}

	public String uri(String path) {
		return this.baseUri + path;
	}

	/** {@code GET path} with the given header name and value pairs. */
	public HttpResponse<String> get(String path, String... headers) {
		return send("GET", path, headers);
	}

	/** {@code method path} without a body, with the given header name and value pairs. */
	public HttpResponse<String> send(String method, String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri(path)))
			.timeout(Duration.ofSeconds(10))
			.method(method, BodyPublishers.noBody());
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return client.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
