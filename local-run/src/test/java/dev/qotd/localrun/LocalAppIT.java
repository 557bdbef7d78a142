package dev.qotd.localrun;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: the three packaged jars as separate JVM processes on free loopback ports,
 * launched exactly as {@code ./run-local} launches them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalAppIT {

	/** The walkthrough's two lines; the time as busybox date prints it. */
	private static final String TWO_LINES = "Quote: (?<quote>.+)\nTime: [A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3][0-9] \\d{2}:\\d{2}:\\d{2} [A-Z]+ \\d{4}\n";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private LocalApp app;

	@BeforeAll
	void startTheApp() {
		Path projectDir = Path.of(System.getProperty("qotd.project-dir", ".."));
		this.app = LocalApp.builder(projectDir).ports(Ports.free()).logDirectory(projectDir.resolve("local-run/target/it-logs")).start();
	}

	@AfterAll
	void stopTheApp() {
		if (this.app != null) {
			this.app.close();
		}
	}

	@Test
	@Order(1)
	void curlGetsTheTwoLinesWithAQuoteTheQuoteServiceServes() throws Exception {
		HttpResponse<String> page = get(this.app.frontendUrl(), "*/*");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		assertThat(page.body()).matches(TWO_LINES);

		String quote = page.body().lines().findFirst().orElseThrow().substring("Quote: ".length());
		List<String> servedQuotes = Arrays.asList(get(quoteUrl().resolve("/quotes"), "text/plain").body().split("\n"));
		assertThat(servedQuotes).contains(quote);
	}

	@Test
	@Order(2)
	void jsonRoutingDetailsNameTheRealQuoteProcess() throws Exception {
		String quotePod = whoamiServerName(quoteUrl());
		String timePod = whoamiServerName(this.app.process(Service.TIME).baseUrl());

		JsonNode page = this.json.readTree(get(this.app.frontendUrl(), "application/json").body());
		JsonNode quoteCall = page.path("calls").path("quote");
		assertThat(quoteCall.path("url").asString()).isEqualTo(quoteUrl() + "/quote");
		assertThat(quoteCall.path("resolvedAddress").asString()).isEqualTo("127.0.0.1");
		assertThat(quoteCall.path("servedBy").asString()).isEqualTo(quotePod);
		assertThat(quoteCall.path("status").asInt()).isEqualTo(200);
		assertThat(quoteCall.path("latencyMs").isIntegralNumber()).isTrue();
		assertThat(page.path("calls").path("time").path("servedBy").asString()).isEqualTo(timePod);
		assertThat(page.path("quote").asString()).isNotBlank();
		assertThat(page.path("time").asString()).isNotBlank();
	}

	@Test
	@Order(3)
	void aBrowserGetsThePage() throws Exception {
		HttpResponse<String> page = get(this.app.frontendUrl(), "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("Quote of the Day", whoamiServerName(quoteUrl()));
	}

	@Test
	@Order(4)
	void withTheTimeProcessKilledTheFrontendAnswersTheQuoteAndMarksTheTimeUnavailable() throws Exception {
		ServiceProcess time = this.app.process(Service.TIME);
		time.kill();
		assertThat(time.awaitExit(Duration.ofSeconds(10))).isNotNull();

		long start = System.nanoTime();
		HttpResponse<String> page = get(this.app.frontendUrl(), "*/*");
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(took).isLessThan(Duration.ofSeconds(2));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).matches("Quote: .+\nTime: unavailable \\(.+\\)\n");
	}

	private URI quoteUrl() {
		return this.app.process(Service.QUOTE).baseUrl();
	}

	private String whoamiServerName(URI service) throws IOException, InterruptedException {
		return get(service.resolve("/whoami"), "text/plain").body()
			.lines()
			.filter((line) -> line.startsWith("Server name: "))
			.map((line) -> line.substring("Server name: ".length()))
			.findFirst()
			.orElseThrow();
	}

	private HttpResponse<String> get(URI uri, String accept) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", accept).timeout(Duration.ofSeconds(10)).build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
