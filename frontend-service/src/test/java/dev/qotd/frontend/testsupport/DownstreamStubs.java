package dev.qotd.frontend.testsupport;

import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import org.springframework.test.context.DynamicPropertyRegistry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * quote-service and time-service as WireMock stubs on loopback, answering what the real
 * services answer to a JSON request (extra fields included) with their {@code X-Served-By}.
 */
public final class DownstreamStubs {

	public static final String QUOTE = "The journey of a thousand miles begins with a single step.";

	public static final String TIME = "Sat Nov 28 18:29:03 UTC 2026";

	public static final String QUOTE_POD = "quote-5d8f7c9b6d-abcde";

	public static final String TIME_POD = "time-7b9c6f5d4-xyz12";

	private DownstreamStubs() {
	}

	/**
	 * Points the frontend under test at the two services, through the variables of the
	 * contract, which application.yaml maps to the service client groups.
	 */
	public static void wireFrontend(DynamicPropertyRegistry registry, Supplier<Object> quoteServiceUrl,
			Supplier<Object> timeServiceUrl) {
		registry.add("QUOTE_SERVICE_URL", quoteServiceUrl);
		registry.add("TIME_SERVICE_URL", timeServiceUrl);
	}

	/** A started stub server on loopback, counting its TCP connections in {@code connections}. */
	public static WireMockServer start(ConnectionCounter connections) {
		WireMockServer server = new WireMockServer(options().networkTrafficListener(connections));
		server.start();
		return server;
	}

	/** A stub server on loopback, for a test class to register as an extension. */
	public static WireMockExtension extension() {
		return WireMockExtension.newInstance().options(options()).build();
	}

	private static WireMockConfiguration options() {
		return wireMockConfig().dynamicPort().bindAddress("127.0.0.1").asynchronousResponseEnabled(true);
	}

	/** The frontend's request for a quote: {@code GET /quote} asking for JSON. */
	public static MappingBuilder quoteRequest() {
		return get("/quote").withHeader("Accept", containing("application/json"));
	}

	/** The frontend's request for the time: {@code GET /time} asking for JSON. */
	public static MappingBuilder timeRequest() {
		return get("/time").withHeader("Accept", containing("application/json"));
	}

	public static ResponseDefinitionBuilder quoteAnswer() {
		return okJson("""
				{"quote": "%s", "servedBy": {"podName": "%s", "podIp": "10.42.0.11", "nodeName": "node-1"}}
				""".formatted(QUOTE, QUOTE_POD)).withHeader("X-Served-By", QUOTE_POD);
	}

	public static ResponseDefinitionBuilder timeAnswer() {
		return okJson("""
				{"dateTime": "2026-11-28T18:29:03Z", "zone": "UTC", "epochMillis": 1795717743000, "text": "%s",
				 "servedBy": {"podName": "%s", "podIp": "10.42.0.12", "nodeName": "node-1"}}
				""".formatted(TIME, TIME_POD)).withHeader("X-Served-By", TIME_POD);
	}

	/** What a failing pod answers: a 500 problem, naming itself. */
	public static ResponseDefinitionBuilder serverError(String pod) {
		return aResponse().withStatus(500)
			.withHeader("X-Served-By", pod)
			.withHeader("Content-Type", "application/problem+json")
			.withBody("{\"status\": 500, \"title\": \"Internal Server Error\"}");
	}

}
