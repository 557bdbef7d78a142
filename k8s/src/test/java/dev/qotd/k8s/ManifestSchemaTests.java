package dev.qotd.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every object that {@code kubectl apply -k k8s} sends, with or without the network
 * policies, has the Kubernetes API's shape: no unknown or misplaced field, no value of the
 * wrong type, no kind the app does not deploy. The broken manifests show that the check
 * sees each of these mistakes.
 */
class ManifestSchemaTests {

	@Test
	void everyRenderedObjectFollowsTheKubernetesApi(@TempDir Path temporary) {
		Path manifests = Project.clusterManifests(temporary);

		assertThat(Manifests.render(manifests.resolve("k8s")).objects()).hasSize(8);
		assertThat(Manifests.render(manifests.resolve("with-policies")).objects()).hasSize(11);
		assertThat(Manifests.render(manifests.resolve("changed-quotes")).objects()).hasSize(11);
	}

	@Test
	void selectorAndTemplateOutsideSpecAreRejected() throws IOException {
		String walkthrough = new String(getClass().getResourceAsStream("/broken/walkthrough-deployment.yaml").readAllBytes(),
				StandardCharsets.UTF_8);

		assertThatIllegalArgumentException().isThrownBy(() -> Manifests.read(walkthrough))
			.withMessage("document 1 (Deployment backend): .selector is not a field of the Kubernetes API\n"
					+ "document 1 (Deployment backend): .template is not a field of the Kubernetes API");
	}

	@Test
	void aMisspelledFieldDeepInThePodTemplateIsRejected() {
		String deployment = quoteDeployment().replace("readOnlyRootFilesystem:", "readOnlyRootFileSystem:");

		assertThatIllegalArgumentException().isThrownBy(() -> Manifests.read(deployment))
			.withMessage("document 1 (Deployment quote): .spec.template.spec.containers[0].securityContext"
					+ ".readOnlyRootFileSystem is not a field of the Kubernetes API");
	}

	@Test
	void aFieldIndentedIntoTheWrongObjectIsRejected() {
		String deployment = quoteDeployment().replace("""
				          periodSeconds: 2
				          failureThreshold: 60
				""", """
				          periodSeconds: 2
				        failureThreshold: 60
				""");

		assertThatIllegalArgumentException().isThrownBy(() -> Manifests.read(deployment))
			.withMessage("document 1 (Deployment quote): .spec.template.spec.containers[0].failureThreshold"
					+ " is not a field of the Kubernetes API");
	}

	@Test
	void aQuotedNumberIsRejected() {
		String deployment = quoteDeployment().replace("replicas: 2", "replicas: \"2\"");

		assertThatIllegalArgumentException().isThrownBy(() -> Manifests.read(deployment))
			.withMessageStartingWith("document 1 (Deployment quote): ")
			.withMessageContaining("replicas")
			.withMessageNotContaining("\n");
	}

	@Test
	void aKindThatTheAppDoesNotDeployIsRejected() {
		String removedApi = """
				apiVersion: policy/v1beta1
				kind: PodDisruptionBudget
				metadata:
				  name: quote
				""";

		assertThatIllegalArgumentException().isThrownBy(() -> Manifests.read(removedApi))
			.withMessageStartingWith(
					"document 1 (PodDisruptionBudget quote): apiVersion/kind policy/v1beta1/PodDisruptionBudget is none of");
	}

	private static String quoteDeployment() {
		return Project.text(Project.manifests().resolve("quote/deployment.yaml"));
	}

}
