package dev.qotd.frontend;

import dev.qotd.frontend.testsupport.FrontendClient;
import dev.qotd.frontend.testsupport.FrontendClient.Answer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With neither {@code QUOTE_SERVICE_URL} nor {@code TIME_SERVICE_URL} set, as in the
 * manifests, the frontend calls the walkthrough's Services by their cluster DNS names (unknown
 * outside a cluster, and to these tests).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DefaultDownstreamUrlsTests {

	@LocalServerPort
	int port;

	@Test
	void callsQuoteSvcAndTimeSvc() {
		Answer json = FrontendClient.warmedUp(this.port).get("/", "Accept", "application/json");

		assertThat(json.status()).isEqualTo(503);
		assertThat((String) json.json("$.calls.quote.url")).isEqualTo("http://quote-svc/quote");
		assertThat((String) json.json("$.calls.quote.error")).isEqualTo("unknown host quote-svc");
		assertThat((String) json.json("$.calls.time.url")).isEqualTo("http://time-svc/time");
		assertThat((String) json.json("$.calls.time.error")).isEqualTo("unknown host time-svc");
	}

}
