package dev.qotd.support.test;

import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service gets from service-support, asserted on one service as it runs: the
 * auto-configuration is tested in service-support itself, this proves that a service has it
 * wired in, under its own name.
 */
public final class SharedBehaviour {

	private SharedBehaviour() {
	}

	/**
	 * @param http a client of the running service
	 * @param path one of the service's own endpoints, answering 200
	 * @param application the service's {@code spring.application.name} and artifact id
	 * @param podName the {@code POD_NAME} it was started with
	 */
	public static void assertWiredIn(LocalHttp http, String path, String application, String podName) {
		HttpResponse<String> generated = http.get(path);
		assertThat(generated.statusCode()).as("GET %s", path).isEqualTo(200);
		assertThat(generated.headers().firstValue("X-Served-By")).hasValue(podName);
		assertThat(generated.headers().firstValue("X-Request-Id")).get().asString().matches("[0-9a-f]{32}");
		assertThat(http.get(path, "X-Request-Id", "caller-0001").headers().firstValue("X-Request-Id"))
			.hasValue("caller-0001");

		assertThat(http.get("/whoami").body()).contains("Server name: " + podName + "\n");
		assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(http.get("/actuator/env").statusCode()).isEqualTo(404);

		HttpResponse<String> info = http.get("/actuator/info", "Accept", "application/json");
		assertThat(info.statusCode()).isEqualTo(200);
		JsonNode build = JsonMapper.shared().readTree(info.body()).get("build");
		assertThat(build.get("artifact").stringValue()).isEqualTo(application);
		assertThat(build.get("group").stringValue()).isEqualTo("dev.qotd");
		assertThat(build.get("version").stringValue()).isNotBlank();

		HttpResponse<String> metrics = http.get("/actuator/prometheus");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("application=\"" + application + "\"");
	}

}
