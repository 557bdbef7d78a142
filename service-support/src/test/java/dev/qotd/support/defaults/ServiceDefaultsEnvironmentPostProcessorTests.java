package dev.qotd.support.defaults;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceDefaultsEnvironmentPostProcessorTests {

	@Test
	void sharedDefaultsApplyWhereNothingElseIsSet() {
		StandardEnvironment environment = postProcessed(Map.of());
		assertThat(environment.getProperty("server.port")).isEqualTo("8080");
		assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
			.isEqualTo("health,info,prometheus");
		assertThat(environment.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
		assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
	}

	@Test
	void everyOtherSourceOverridesTheDefaults() {
		StandardEnvironment environment = postProcessed(
				Map.of("server.port", "9090", "management.endpoints.web.exposure.include", "*"));
		assertThat(environment.getProperty("server.port")).isEqualTo("9090");
		assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isEqualTo("*");
		assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
			.contains("qotdServiceDefaults");
	}

	private static StandardEnvironment postProcessed(Map<String, Object> applicationProperties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("application", applicationProperties));
		new ServiceDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}
