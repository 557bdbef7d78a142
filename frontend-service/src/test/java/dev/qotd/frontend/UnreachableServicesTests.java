package dev.qotd.frontend;

import java.util.Map;

import dev.qotd.frontend.Services.Page;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static dev.qotd.frontend.Services.ANSWERED_WITHIN_MS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No pod listens behind quote-service's URL (a Service without ready endpoints), and
 * TIME_SERVICE_URL is unset, as in the manifests: its default, time-svc, is a cluster DNS
 * name that these tests cannot resolve (see src/test/resources/hosts).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class UnreachableServicesTests {

	static final String QUOTE_URL = "http://localhost:" + TestSocketUtils.findAvailableTcpPort();

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("QUOTE_SERVICE_URL", () -> QUOTE_URL);
	}

	@LocalServerPort
	int port;

	@Test
	void bothUnavailableIsServiceUnavailableSayingWhy() {
		Page page = Services.page(this.port);
		assertThat(page.elapsedMs()).isLessThan(ANSWERED_WITHIN_MS);
		assertThat(page.status()).isEqualTo(503);
		assertThat(page.header("Content-Type")).isEqualTo("text/plain;charset=UTF-8");
		assertThat(page.body())
			.isEqualTo("Quote: unavailable (connection refused)\nTime: unavailable (unknown host time-svc)\n");
	}

	@Test
	void jsonNamesTheUrlsAndWhatTheirNamesResolvedTo() {
		Page page = Services.page(this.port, "Accept", "application/json");
		assertThat(page.status()).isEqualTo(503);
		Map<String, Object> quote = page.json("$.calls.quote");
		assertThat(quote).containsEntry("url", QUOTE_URL + "/quote")
			.containsEntry("resolvedAddress", "127.0.0.1")
			.containsEntry("servedBy", null)
			.containsEntry("status", null);
		Map<String, Object> time = page.json("$.calls.time");
		assertThat(time).containsEntry("url", "http://time-svc/time").containsEntry("resolvedAddress", null);
	}

}
