package dev.qotd.quote.web;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.qotd.support.test.LocalHttp;
import dev.qotd.support.test.SharedBehaviour;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** quote-service as the walkthrough's manifest runs it: quotes in {@code QUOTES}, two pods. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "POD_NAME=quote-6d4cf56db6-8x2lq", "POD_IP=10.42.0.12", "NODE_NAME=node-1" })
class QuoteServiceWebTests {

	static final List<String> QUOTES = List.of("The journey of a thousand miles begins with a single step.",
			"He said \"hi\" twice, 100% sure, in C:\\temp, for ${price}", "千里之行，始于足下 🚀");

	@DynamicPropertySource
	static void quotes(DynamicPropertyRegistry registry) {
		// The variable as the walkthrough's YAML block sets it, indentation stripped.
		registry.add("QUOTES",
				() -> QUOTES.stream().map((quote) -> "\"" + quote + "\"").collect(Collectors.joining("\n", "", "\n")));
	}

	@LocalServerPort
	int port;

	LocalHttp http;

	@BeforeEach
	void client() {
		this.http = LocalHttp.onPort(this.port);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/quote" })
	void withoutAcceptHeaderAQuoteIsOneLineOfText(String path) {
		HttpResponse<String> response = this.http.get(path);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
		assertThat(response.body()).isIn(QUOTES.stream().map((quote) -> quote + "\n").toList());
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/quote" })
	void curlGetsOneLineOfText(String path) {
		HttpResponse<String> response = this.http.get(path, "Accept", "*/*", "User-Agent", "curl/8.5.0");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
		assertThat(response.body()).isIn(QUOTES.stream().map((quote) -> quote + "\n").toList());
	}

	@Test
	void onlyTheQuotesOfTheVariableAreServedAndAllOfThem() {
		List<String> served = IntStream.range(0, 60)
			.mapToObj((i) -> this.http.get("/quote").body())
			.toList();
		assertThat(served).allSatisfy((body) -> assertThat(body).isIn(QUOTES.stream().map((q) -> q + "\n").toList()))
			.containsAll(QUOTES.stream().map((quote) -> quote + "\n").toList());
	}

	@Test
	void jsonNamesTheQuoteAndThePodThatServedIt() {
		HttpResponse<String> response = this.http.get("/quote", "Accept", "application/json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode json = JsonMapper.shared().readTree(response.body());
		assertThat(json.get("quote").stringValue()).isIn(QUOTES);
		JsonNode servedBy = json.get("servedBy");
		assertThat(servedBy.get("podName").stringValue()).isEqualTo("quote-6d4cf56db6-8x2lq");
		assertThat(servedBy.get("podIp").stringValue()).isEqualTo("10.42.0.12");
		assertThat(servedBy.get("nodeName").stringValue()).isEqualTo("node-1");
	}

	@Test
	void allQuotesAsTextAreOneALine() {
		HttpResponse<String> response = this.http.get("/quotes");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
		assertThat(response.body()).isEqualTo(String.join("\n", QUOTES) + "\n");
	}

	@Test
	void allQuotesAsJsonAreAnArray() {
		HttpResponse<String> response = this.http.get("/quotes", "Accept", "application/json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(JsonMapper.shared().readValue(response.body(), String[].class)).containsExactlyElementsOf(QUOTES);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/quote", "/quotes" })
	void unsupportedMediaTypeIsNotAcceptableProblem(String path) {
		HttpResponse<String> response = this.http.get(path, "Accept", "application/xml");
		assertThat(response.statusCode()).isEqualTo(406);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JsonMapper.shared().readTree(response.body()).get("status").intValue()).isEqualTo(406);
	}

	@Test
	void postingAQuoteIsMethodNotAllowedProblem() {
		HttpResponse<String> response = this.http.send("POST", "/quote");
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.headers().firstValue("Allow")).hasValue("GET");
	}

	@Test
	void sharedServiceBehaviourIsWiredIn() {
		SharedBehaviour.assertWiredIn(this.http, "/quote", "quote-service", "quote-6d4cf56db6-8x2lq");
	}

}
