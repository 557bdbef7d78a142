package dev.qotd.k8s;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every object that {@code kubectl apply -k k8s} sends, with or without the network
 * policies, has the Kubernetes API's shape: no unknown or misplaced field, no value of the
 * wrong type, no kind the app does not deploy; the broken manifests show that the check
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
	void selectorAndTemplateOutsideSpecAreRejected() {
		Path broken = Project.manifests().resolve("src/test/resources/broken");
		String walkthrough = Project.text(broken.resolve("walkthrough-deployment.yaml"));

		assertThatIllegalArgumentException().isThrownBy(() -> Manifests.read(walkthrough))
			.withMessage("document 1 (Deployment backend): .selector is not a field of the API\n"
					+ "document 1 (Deployment backend): .template is not a field of the API");
	}

	/**
	 * Our quote Deployment with one mistake each: a misspelled field deep in the pod template, a
	 * field indented into the wrong object, a quoted number, an API version the app does not use.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			readOnlyRootFilesystem:    | readOnlyRootFileSystem:    | ~.securityContext.readOnlyRootFileSystem is not
			(?m)^ {10}failureThreshold | '        failureThreshold' | ~.failureThreshold is not
			'replicas: 2'              | 'replicas: "2"'            | Cannot coerce String value ("2") to `java.lang.Int
			apiVersion: apps/v1        | apiVersion: apps/v1beta1   | apiVersion/kind apps/v1beta1/Deployment is none of
			""")
	void aMistakeInOurDeploymentIsRejected(String regex, String replacement, String problem) {
		String deployment = Project.text(Project.manifests().resolve("quote/deployment.yaml"));
		String broken = deployment.replaceFirst(regex, replacement);

		assertThat(broken).isNotEqualTo(deployment);
		assertThatIllegalArgumentException().isThrownBy(() -> Manifests.read(broken))
			.withMessageStartingWith("document 1 (Deployment quote): "
					+ problem.replace("~", ".spec.template.spec.containers[0]"))
			.withMessageNotContaining("\n");
	}

}
