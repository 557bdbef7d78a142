package dev.qotd.k8s;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The names and platforms of the images that the cluster tests build. */
class ClusterImagesTests {

	@ParameterizedTest
	@CsvSource({ "quote-service:k3s-it, docker.io/library/quote-service:k3s-it",
			"quote-service, docker.io/library/quote-service:latest",
			"you/quote-service:1, docker.io/you/quote-service:1",
			"docker.io/quote-service:1, docker.io/library/quote-service:1",
			"ghcr.io/you/quote-service:1, ghcr.io/you/quote-service:1",
			"localhost/quote-service:1, localhost/quote-service:1",
			"registry.test:5000/quote-service:1, registry.test:5000/quote-service:1",
			"registry.test:5000/quote-service, registry.test:5000/quote-service:latest" })
	void containerdNamesImagesAsDockerNormalizesThem(String reference, String name) {
		assertThat(ClusterImages.containerdName(reference)).isEqualTo(name);
	}

	@ParameterizedTest
	@CsvSource({ "x86_64, linux/amd64", "amd64, linux/amd64", "aarch64, linux/arm64", "arm64, linux/arm64" })
	void imagesAreBuiltForThePlatformDockerRunsOn(String architecture, String platform) {
		assertThat(ClusterImages.platformFor(architecture)).isEqualTo(platform);
	}

	@ParameterizedTest
	@ValueSource(strings = { "s390x", "ppc64le", "" })
	void otherPlatformsAreNamedAsUnsupported(String architecture) {
		assertThatIllegalStateException().isThrownBy(() -> ClusterImages.platformFor(architecture))
			.withMessageContaining("linux/amd64 and linux/arm64");
	}

}
