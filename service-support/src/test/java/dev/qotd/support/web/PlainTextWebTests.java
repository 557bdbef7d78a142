package dev.qotd.support.web;

import java.net.http.HttpResponse;

import dev.qotd.support.test.LocalHttp;
import dev.qotd.support.testapp.SupportWebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@code PlainText} body is text for curl and browsers, JSON when asked for. */
@SupportWebTest
class PlainTextWebTests {

	@LocalServerPort
	int port;

	LocalHttp http;

	@BeforeEach
	void client() {
		this.http = LocalHttp.onPort(this.port);
	}

	@Test
	void withoutAcceptHeaderAnswersText() {
		HttpResponse<String> response = this.http.get("/greeting?times=2");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
		assertThat(response.body()).isEqualTo("Hello!Hello!\n");
	}

	@Test
	void curlsAcceptAnythingGetsText() {
		HttpResponse<String> response = this.http.get("/greeting", "Accept", "*/*");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
		assertThat(response.body()).isEqualTo("Hello!\n");
	}

	@Test
	void browserGetsText() {
		HttpResponse<String> response = this.http.get("/greeting", "Accept",
				"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
		assertThat(response.body()).isEqualTo("Hello!\n");
	}

	@Test
	void askingForJsonGetsTheRecordAsJson() {
		HttpResponse<String> response = this.http.get("/greeting", "Accept", "application/json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode json = JsonMapper.shared().readTree(response.body());
		assertThat(json.propertyNames()).containsExactlyInAnyOrder("greeting", "times");
		assertThat(json.get("greeting").stringValue()).isEqualTo("Hello!");
		assertThat(json.get("times").intValue()).isEqualTo(1);
	}

	@Test
	void preferringJsonOverTextGetsJson() {
		HttpResponse<String> response = this.http.get("/greeting", "Accept", "text/plain;q=0.5, application/json");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
	}

	@Test
	void unsupportedMediaTypeIsNotAcceptableProblem() {
		HttpResponse<String> response = this.http.get("/greeting", "Accept", "application/xml");
		assertThat(response.statusCode()).isEqualTo(406);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JsonMapper.shared().readTree(response.body());
		assertThat(problem.get("status").intValue()).isEqualTo(406);
		assertThat(problem.get("title").stringValue()).isEqualTo("Not Acceptable");
	}

}
