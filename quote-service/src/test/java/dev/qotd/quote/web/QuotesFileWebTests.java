package dev.qotd.quote.web;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import dev.qotd.quote.catalog.ConfigMapVolume;
import dev.qotd.support.test.LocalHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * quote-service with its quotes in a mounted ConfigMap ({@code QUOTES_FILE}): an update
 * of the ConfigMap is served without a restart, a broken one is not.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "quotes.reload-interval=100ms")
@ExtendWith(OutputCaptureExtension.class)
// The catalog re-reads the file until the context closes: close it with the directory.
@DirtiesContext
class QuotesFileWebTests {

	private static final Duration RELOADED_WITHIN = Duration.ofSeconds(5);

	@TempDir
	static Path directory;

	static ConfigMapVolume volume;

	@DynamicPropertySource
	static void quotesFile(DynamicPropertyRegistry registry) {
		volume = ConfigMapVolume.mount(directory, "quotes.txt", "\"From the ConfigMap\"\n");
		registry.add("QUOTES_FILE", () -> volume.file("quotes.txt").toString());
		registry.add("QUOTES", () -> "\"Not served: QUOTES_FILE comes first\"");
	}

	@LocalServerPort
	int port;

	LocalHttp http;

	@BeforeEach
	void client() {
		this.http = LocalHttp.onPort(this.port);
	}

	@Test
	void servesTheFileAndItsUpdatesWithoutRestart(CapturedOutput output) {
		assertThat(this.http.get("/quote").body()).isEqualTo("From the ConfigMap\n");
		volume.update("quotes.txt", "\"Updated one\"\n\"Updated two\"\n");
		await().atMost(RELOADED_WITHIN)
			.untilAsserted(() -> assertThat(allQuotes()).containsExactly("Updated one", "Updated two"));
		assertThat(this.http.get("/quote").body()).isIn("Updated one\n", "Updated two\n");

		volume.update("quotes.txt", "\n\"\"\n");
		await().atMost(RELOADED_WITHIN).until(() -> output.getOut().contains("Keeping the 2 quotes loaded before"));
		assertThat(allQuotes()).containsExactly("Updated one", "Updated two");

		volume.update("quotes.txt", "\"Fixed\"\n");
		await().atMost(RELOADED_WITHIN).untilAsserted(() -> assertThat(allQuotes()).containsExactly("Fixed"));
	}

	private String[] allQuotes() {
		HttpResponse<String> response = this.http.get("/quotes", "Accept", "application/json");
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonMapper.shared().readValue(response.body(), String[].class);
	}

}
