package dev.qotd.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import dev.qotd.k8s.KubernetesObjects.InvalidManifestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every object that {@code kubectl apply -k k8s} sends has the Kubernetes API's shape: no
 * unknown or misplaced field, no value of the wrong type, no kind the app does not deploy.
 */
class ManifestSchemaTests {

	@Test
	void everyRenderedObjectFollowsTheKubernetesApi() {
		List<HasMetadata> objects = KubernetesObjects.read(Kubectl.kustomize(Project.manifests()));

		assertThat(objects).hasSize(11);
	}

	@Test
	void selectorAndTemplateOutsideSpecAreRejected() throws IOException {
		String walkthrough = new String(
				getClass().getResourceAsStream("/broken/walkthrough-deployment.yaml").readAllBytes(),
				StandardCharsets.UTF_8);

		assertThatExceptionOfType(InvalidManifestException.class).isThrownBy(() -> KubernetesObjects.read(walkthrough))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactlyInAnyOrder(
					"document 1 (Deployment backend): .selector is not a field of the Kubernetes API",
					"document 1 (Deployment backend): .template is not a field of the Kubernetes API"));
	}

	@Test
	void aMisspelledFieldDeepInThePodTemplateIsRejected() throws IOException {
		String deployment = quoteDeployment().replace("readOnlyRootFilesystem:", "readOnlyRootFileSystem:");

		assertThatExceptionOfType(InvalidManifestException.class).isThrownBy(() -> KubernetesObjects.read(deployment))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly("document 1 (Deployment quote): "
					+ ".spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem"
					+ " is not a field of the Kubernetes API"));
	}

	@Test
	void aFieldIndentedIntoTheWrongObjectIsRejected() throws IOException {
		String deployment = quoteDeployment().replace("""
				          periodSeconds: 2
				""", """
				          periodSeconds: 2
				        failureThreshold: 60
				""").replaceFirst("(?m)^          failureThreshold: 60\n", "");

		assertThatExceptionOfType(InvalidManifestException.class).isThrownBy(() -> KubernetesObjects.read(deployment))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly("document 1 (Deployment quote): "
					+ ".spec.template.spec.containers[0].failureThreshold is not a field of the Kubernetes API"));
	}

	@Test
	void aQuotedNumberIsRejected() throws IOException {
		String deployment = quoteDeployment().replace("replicas: 2", "replicas: \"2\"");

		assertThatExceptionOfType(InvalidManifestException.class).isThrownBy(() -> KubernetesObjects.read(deployment))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.asString()
				.startsWith("document 1 (Deployment quote): ")
				.contains("replicas"));
	}

	@Test
	void aKindThatTheAppDoesNotDeployIsRejected() {
		String removedApi = """
				apiVersion: policy/v1beta1
				kind: PodDisruptionBudget
				metadata:
				  name: quote
				""";

		assertThatExceptionOfType(InvalidManifestException.class).isThrownBy(() -> KubernetesObjects.read(removedApi))
			.withMessageStartingWith(
					"document 1 (PodDisruptionBudget quote): apiVersion/kind policy/v1beta1/PodDisruptionBudget is none of");
	}

	private static String quoteDeployment() throws IOException {
		return Files.readString(Project.manifests().resolve("quote/deployment.yaml"));
	}

}
