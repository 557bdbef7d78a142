package dev.qotd.k8s;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the cluster tests apply, rendered with {@code kubectl kustomize} as {@code kubectl
 * apply -k} renders it: {@code k8s/} unchanged but for the images' tag and pull policy,
 * and the changed quotes only in the ConfigMap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterOverlayTests {

	private static final String TAG = "k3s-it";

	private static final String CHANGED_QUOTES = "\"A quote that only this test knows.\"\n";

	private static final YAMLMapper yaml = YAMLMapper.builder().build();

	@TempDir
	Path temporary;

	private ClusterOverlay overlay;

	@BeforeEach
	void writeTheOverlay() {
		this.overlay = ClusterOverlay.write(this.temporary.resolve("manifests"), ClusterImages.SERVICES, TAG,
				CHANGED_QUOTES);
	}

	@Test
	void deployRunsTheImagesBuiltForTheTestsFromTheNodeOnly() {
		List<Deployment> deployments = deployments(KubernetesObjects.read(Kubectl.kustomize(this.overlay.deploy())));

		assertThat(deployments).extracting((deployment) -> deployment.getMetadata().getName())
			.containsExactlyInAnyOrder("quote", "time", "frontend");
		assertThat(deployments).allSatisfy((deployment) -> {
			String name = deployment.getMetadata().getName();
			assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).singleElement()
				.satisfies((container) -> {
					assertThat(container.getImage()).as("image of %s", name).isEqualTo(name + "-service:" + TAG);
					assertThat(container.getImagePullPolicy()).as("imagePullPolicy of %s", name).isEqualTo("Never");
				});
		});
	}

	@Test
	void deployIsK8sButForTheImagesTagAndPullPolicy() {
		List<JsonNode> deploy = documents(Kubectl.kustomize(this.overlay.deploy()));
		List<JsonNode> manifests = documents(Kubectl.kustomize(Project.manifests()));

		deploy.stream().filter((object) -> object.path("kind").asString().equals("Deployment")).forEach((deployment) -> {
			ObjectNode container = (ObjectNode) container(deployment);
			JsonNode original = container(manifests.stream()
				.filter((object) -> object.path("kind").asString().equals("Deployment")
						&& object.path("metadata").path("name").equals(deployment.path("metadata").path("name")))
				.findFirst()
				.orElseThrow());
			container.set("image", original.get("image"));
			container.set("imagePullPolicy", original.get("imagePullPolicy"));
		});

		assertThat(deploy).as("k8s/ as the cluster tests deploy it, images and pull policy set back")
			.containsExactlyInAnyOrderElementsOf(manifests);
	}

	@Test
	void changedQuotesReplacesTheQuotesFileAndNothingElse() {
		List<HasMetadata> changed = KubernetesObjects.read(Kubectl.kustomize(this.overlay.changedQuotes()));
		List<HasMetadata> deploy = KubernetesObjects.read(Kubectl.kustomize(this.overlay.deploy()));

		ConfigMap quotes = changed.stream()
			.filter(ConfigMap.class::isInstance)
			.map(ConfigMap.class::cast)
			.findFirst()
			.orElseThrow();
		assertThat(quotes.getMetadata().getName()).as("the ConfigMap's name: the same, so that it is updated in place")
			.isEqualTo("quotes");
		assertThat(quotes.getData()).containsExactly(Map.entry("quotes.txt", CHANGED_QUOTES));
		assertThat(withoutConfigMaps(changed)).as("everything but the ConfigMap; the pod templates unchanged, no rollout")
			.containsExactlyInAnyOrderElementsOf(withoutConfigMaps(deploy));
	}

	@Test
	void theManifestsAreCopiedWithoutTheModulesBuildFiles() {
		Path copy = this.overlay.root().resolve(ClusterOverlay.MANIFESTS);

		assertThat(copy.resolve("kustomization.yaml")).exists();
		assertThat(copy.resolve("quote/quotes.txt"))
			.hasSameTextualContentAs(Project.manifests().resolve("quote/quotes.txt"));
		assertThat(copy.resolve("pom.xml")).doesNotExist();
		assertThat(copy.resolve("src")).doesNotExist();
		assertThat(copy.resolve("target")).doesNotExist();
	}

	private static JsonNode container(JsonNode deployment) {
		return deployment.path("spec").path("template").path("spec").path("containers").get(0);
	}

	private static List<Deployment> deployments(List<HasMetadata> objects) {
		return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).toList();
	}

	private static List<HasMetadata> withoutConfigMaps(List<HasMetadata> objects) {
		return objects.stream().filter((object) -> !(object instanceof ConfigMap)).toList();
	}

	private static List<JsonNode> documents(String yamlStream) {
		List<JsonNode> documents = new ArrayList<>();
		try (MappingIterator<JsonNode> values = yaml.readerFor(JsonNode.class).readValues(yamlStream)) {
			values.forEachRemaining(documents::add);
		}
		return documents;
	}

}
