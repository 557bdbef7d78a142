package dev.qotd.localrun;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** End to end: the three packaged jars as processes, launched exactly as {@code ./run-local} launches them. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalAppIT {

	/** The walkthrough's two lines; the time as busybox date prints it. */
	static final String TWO_LINES = "Quote: (?!unavailable).+\nTime: [A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3][0-9] "
			+ "\\d{2}:\\d{2}:\\d{2} [A-Z]+ \\d{4}\n";

	@RegisterExtension
	static final RunningApp app = new RunningApp("local-app-it", Map.of());

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	@Order(1)
	void curlGetsTheTwoLinesWithAQuoteTheQuoteServiceServes() throws Exception {
		HttpResponse<String> page = get(Service.FRONTEND, "/", "*/*");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/plain"));
		assertThat(page.body()).matches(TWO_LINES);
		String quote = page.body().lines().findFirst().orElseThrow().substring("Quote: ".length());
		assertThat(get(Service.QUOTE, "/quotes", "text/plain").body().lines()).contains(quote);
	}

	@Test
	@Order(2)
	void jsonRoutingDetailsNameTheRealQuoteAndTimeProcesses() throws Exception {
		assertThat(get(Service.QUOTE, "/whoami", "text/plain").body())
			.contains("Server name: " + app.podName(Service.QUOTE));
		JsonNode page = JsonMapper.builder().build().readTree(get(Service.FRONTEND, "/", "application/json").body());
		JsonNode quote = page.path("calls").path("quote");
		assertThat(quote.path("url").asString()).isEqualTo("http://127.0.0.1:%d/quote", app.port(Service.QUOTE));
		assertThat(quote.path("resolvedAddress").asString()).isEqualTo("127.0.0.1");
		assertThat(quote.path("servedBy").asString()).isEqualTo(app.podName(Service.QUOTE));
		assertThat(quote.path("status").asInt()).isEqualTo(200);
		assertThat(quote.path("latencyMs").isIntegralNumber()).isTrue();
		assertThat(page.path("calls").path("time").path("servedBy").asString()).isEqualTo(app.podName(Service.TIME));
		assertThat(page.path("quote").asString()).isNotBlank();
		assertThat(page.path("time").asString()).isNotBlank();
	}

	@Test
	@Order(3)
	void aBrowserGetsThePage() throws Exception {
		HttpResponse<String> page = get(Service.FRONTEND, "/", "text/html,application/xhtml+xml,*/*;q=0.8");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("Quote of the Day", app.podName(Service.QUOTE));
	}

	@Test
	@Order(4)
	void eachServiceRunsWithTheImagesJvmFlagsSizedAsItsPod() {
		List<String> flags = new ArrayList<>(List.of(System.getProperty("jib.container.jvmFlags").split(",")));
		flags.add(ServiceProcess.POD_MEMORY_LIMIT);
		assertThat(ProcessHandle.current().children().map((child) -> child.info().arguments().orElseThrow()))
			.hasSize(3)
			.allSatisfy((arguments) -> assertThat(arguments).containsSubsequence(flags));
	}

	@Test
	@Order(5)
	void withTheTimeProcessKilledTheFrontendAnswersTheQuoteAndMarksTheTimeUnavailable() throws Exception {
		app.get(Service.TIME).signal("KILL");
		assertThat(app.get(Service.TIME).awaitExit(Duration.ofSeconds(10))).isNotNull();
		long start = System.nanoTime();
		HttpResponse<String> page = get(Service.FRONTEND, "/", "*/*");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).matches("Quote: (?!unavailable).+\nTime: unavailable \\(.+\\)\n");
	}

	private HttpResponse<String> get(Service service, String path, String accept) throws Exception {
		URI uri = URI.create("http://127.0.0.1:" + app.port(service) + path);
		HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", accept).timeout(Duration.ofSeconds(10)).build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
