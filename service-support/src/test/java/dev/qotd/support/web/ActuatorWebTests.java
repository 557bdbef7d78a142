package dev.qotd.support.web;

import java.net.http.HttpResponse;

import dev.qotd.support.test.LocalHttp;
import dev.qotd.support.testapp.SupportWebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Probes, info and metrics are exposed, without details; nothing else of Actuator is. */
@SupportWebTest
class ActuatorWebTests {

	@LocalServerPort
	int port;

	LocalHttp http;

	@BeforeEach
	void client() {
		this.http = LocalHttp.onPort(this.port);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
	void healthAndProbesAreUpWithoutDetails(String path) {
		HttpResponse<String> response = this.http.get(path);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = JsonMapper.shared().readTree(response.body());
		assertThat(health.get("status").stringValue()).isEqualTo("UP");
		assertThat(health.propertyNames()).doesNotContain("components", "details");
	}

	@Test
	void infoIsExposed() {
		HttpResponse<String> response = this.http.get("/actuator/info", "Accept", "application/json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JsonMapper.shared().readTree(response.body()).isObject()).isTrue();
	}

	@Test
	void prometheusScrapeIsTextTaggedWithTheApplication() {
		HttpResponse<String> response = this.http.get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).get()
			.asString()
			.startsWith("text/plain;version=0.0.4");
		assertThat(response.body()).contains("# TYPE ")
			.containsPattern("(?m)^jvm_\\w+\\{.*application=\"" + SupportWebTest.APPLICATION_NAME + "\"");
	}

	@Test
	void prometheusScrapeDoesNotTellTheJavaVersion() {
		String scrape = this.http.get("/actuator/prometheus").body();
		assertThat(scrape).doesNotContain("jvm_info", "runtime=", System.getProperty("java.runtime.version"));
	}

	@Test
	void prometheusScrapeHasRequestTimersButNoMetersThatCostEveryRequestOrLogLine() {
		this.http.get("/greeting");
		String scrape = this.http.get("/actuator/prometheus").body();
		assertThat(scrape).contains("http_server_requests_seconds_count{")
			.doesNotContain("logback_events", "http_server_requests_active_seconds");
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "GET, /actuator", "GET, /actuator/", "GET, /actuator/env", "GET, /actuator/beans", "GET, /actuator/heapdump", "GET, /actuator/threaddump",
			"GET, /actuator/configprops", "GET, /actuator/loggers", "GET, /actuator/mappings",
			"GET, /actuator/metrics", "GET, /actuator/shutdown", "POST, /actuator/shutdown" })
	void otherEndpointsAreNotFound(String method, String path) {
		HttpResponse<String> response = this.http.send(method, path);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

}
