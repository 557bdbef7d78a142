package dev.qotd.k8s;

import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

import dev.qotd.k8s.DockerCondition.Docker;

import static org.assertj.core.api.Assertions.assertThat;

/** When the cluster tests run, and what the one line says when they do not. */
class DockerConditionTests {

	private static final Supplier<Docker> NOT_TO_BE_ASKED = () -> {
		throw new AssertionError("Docker was probed");
	};

	@Test
	void withoutDockerTheTestsAreSkippedSayingWhyAndHowToRunThem() {
		ConditionEvaluationResult result = DockerCondition.decide(false, false, () -> new Docker(false, false, "none"));

		assertThat(result.isDisabled()).isTrue();
		assertThat(result.getReason()).hasValueSatisfying((reason) -> assertThat(reason)
			.startsWith("no Docker found.")
			.contains("mvn verify", "privileged", "Docker Desktop", "docs/kubernetes.md")
			.doesNotContain("\n"));
	}

	@Test
	void aDockerThatCannotBeUsedIsNamed() {
		ConditionEvaluationResult result = DockerCondition.decide(false, false,
				() -> new Docker(false, false, "Docker runs windows containers"));

		assertThat(result.isDisabled()).isTrue();
		assertThat(result.getReason()).hasValueSatisfying(
				(reason) -> assertThat(reason).startsWith("no Docker found (Docker runs windows containers). The k3s"));
	}

	@Test
	void withDockerTheTestsRun() {
		ConditionEvaluationResult result = DockerCondition.decide(false, false,
				() -> new Docker(true, false, "Docker 28.5.1 on Ubuntu 24.04, x86_64"));

		assertThat(result.isDisabled()).isFalse();
		assertThat(result.getReason()).hasValue("Docker found: Docker 28.5.1 on Ubuntu 24.04, x86_64");
	}

	@Test
	void rootlessDockerCannotRunK3sSoTheTestsAreSkipped() {
		ConditionEvaluationResult result = DockerCondition.decide(false, false,
				() -> new Docker(true, true, "Docker 28.5.1 on Fedora, x86_64"));

		assertThat(result.isDisabled()).isTrue();
		assertThat(result.getReason()).hasValueSatisfying((reason) -> assertThat(reason).contains("rootless"));
	}

	@Test
	void whereTheTestsAreRequiredDockerIsNotProbedAndTheyRun() {
		ConditionEvaluationResult result = DockerCondition.decide(false, true, NOT_TO_BE_ASKED);

		assertThat(result.isDisabled()).isFalse();
	}

	@Test
	void skippedOnRequestWithoutProbingDocker() {
		ConditionEvaluationResult result = DockerCondition.decide(true, true, NOT_TO_BE_ASKED);

		assertThat(result.isDisabled()).isTrue();
		assertThat(result.getReason()).hasValueSatisfying((reason) -> assertThat(reason).startsWith("-Dk3s.skip=true"));
	}

}
