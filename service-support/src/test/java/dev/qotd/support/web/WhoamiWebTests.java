package dev.qotd.support.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.qotd.support.test.LocalHttp;
import dev.qotd.support.testapp.SupportWebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /whoami} answers like {@code nginxdemos/hello:plain-text}, which the walkthrough curls. */
@SupportWebTest
class WhoamiWebTests {

	@LocalServerPort
	int port;

	LocalHttp http;

	@BeforeEach
	void client() {
		this.http = LocalHttp.onPort(this.port);
	}

	@Test
	void answersPlainTextLinesNamingServerAndRequest() {
		HttpResponse<String> response = this.http.get("/whoami?probe=1");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
		assertThat(response.body()).endsWith("\n");
		Map<String, String> lines = lines(response.body());
		assertThat(lines).containsKeys("Server address", "Server name", "Date", "URI", "Request ID");
		assertThat(lines.get("Server address")).isEqualTo("127.0.0.1:" + this.port);
		assertThat(lines.get("Server name")).isEqualTo(SupportWebTest.POD_NAME);
		assertThat(lines.get("URI")).isEqualTo("/whoami?probe=1");
		assertThat(lines.get("Request ID")).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow())
			.matches("[0-9a-f]{32}");
		OffsetDateTime date = OffsetDateTime.parse(lines.get("Date"),
				DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH));
		assertThat(Duration.between(date, OffsetDateTime.now()).abs()).isLessThan(Duration.ofMinutes(1));
	}

	@Test
	void namesTheCallersRequestId() {
		HttpResponse<String> response = this.http.get("/whoami", "Accept", "*/*", "X-Request-Id", "curl-42");
		assertThat(lines(response.body())).containsEntry("Request ID", "curl-42");
	}

	private static Map<String, String> lines(String body) {
		Map<String, String> lines = new LinkedHashMap<>();
		body.lines().forEach((line) -> {
			int colon = line.indexOf(": ");
			assertThat(colon).as("'Name: value' line, got '%s'", line).isPositive();
			lines.put(line.substring(0, colon), line.substring(colon + 2));
		});
		return lines;
	}

}
