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
		Page text = Services.page(this.port);
		assertThat(text.elapsedMs()).isLessThan(ANSWERED_WITHIN_MS);
		assertThat(text.status()).isEqualTo(503);
		assertThat(text.body())
			.isEqualTo("Quote: unavailable (connection refused)\nTime: unavailable (unknown host time-svc)\n");

		Page json = Services.page(this.port, "Accept", "application/json");
		assertThat(json.status()).isEqualTo(503);
		assertThat((Map<String, Object>) json.json("$.calls.quote")).containsEntry("url", QUOTE_URL + "/quote")
			.containsEntry("resolvedAddress", "127.0.0.1")
			.containsEntry("servedBy", null)
			.containsEntry("status", null);
		assertThat((Map<String, Object>) json.json("$.calls.time")).containsEntry("url", "http://time-svc/time")
			.containsEntry("resolvedAddress", null);
	}

}
