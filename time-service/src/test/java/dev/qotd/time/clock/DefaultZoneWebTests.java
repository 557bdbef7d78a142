package dev.qotd.time.clock;

import java.net.http.HttpResponse;

import dev.qotd.support.test.LocalHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** Like busybox {@code date}, the {@code TZ} variable sets the zone of requests naming none. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "TZ=Europe/Paris")
@Import(FixedClockConfiguration.class)
class DefaultZoneWebTests {

	@LocalServerPort
	int port;

	LocalHttp http;

	@BeforeEach
	void client() {
		this.http = LocalHttp.onPort(this.port);
	}

	@Test
	void requestWithoutZoneIsAnsweredInTz() {
		assertThat(this.http.get("/").body()).isEqualTo("Sat Nov 28 19:29:03 CET 2026\n");
		HttpResponse<String> json = this.http.get("/time", "Accept", "application/json");
		assertThat(JsonMapper.shared().readTree(json.body()).get("zone").stringValue()).isEqualTo("Europe/Paris");
	}

	@Test
	void zoneParameterOverridesTz() {
		assertThat(this.http.get("/?zone=UTC").body()).isEqualTo("Sat Nov 28 18:29:03 UTC 2026\n");
	}

}
