package dev.qotd.k8s;

import java.nio.file.Path;
import java.util.List;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images as a user builds them for a local cluster, and as the cluster tests build
 * them ({@link ClusterImages}): {@code mvn compile jib:buildTar} on a fresh copy, without
 * a registry, for the nodes' platform. They carry exactly the names that {@code k8s/}
 * runs, which {@code ctr images import} and the kubelet both read as
 * {@code docker.io/library/<name>}. No registry is at hand here, so they are built FROM
 * {@code scratch}; the cluster tests build them FROM the real base.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterImagesIT {

	private ClusterImages images;

	@BeforeAll
	void build() {
		this.images = ClusterImages.build(Path.of("target/cluster-images-it"), Project.version(), "linux/arm64",
				List.of("-Dimage.base=scratch"));
	}

	@Test
	void archivesCarryExactlyTheNamesThatK8sRuns() {
		List<String> imagesOfK8s = KubernetesObjects.read(Kubectl.kustomize(Project.manifests()))
			.stream()
			.filter(Deployment.class::isInstance)
			.map(Deployment.class::cast)
			.flatMap((deployment) -> deployment.getSpec().getTemplate().getSpec().getContainers().stream())
			.map((container) -> container.getImage())
			.toList();

		assertThat(this.images.tars()).containsOnlyKeys(ClusterImages.SERVICES);
		assertThat(this.images.tars().values().stream().flatMap((tar) -> ClusterImages.repoTags(tar).stream()))
			.containsExactlyInAnyOrderElementsOf(imagesOfK8s)
			.containsExactlyInAnyOrderElementsOf(ClusterImages.SERVICES.stream().map(this.images::reference).toList());
	}

	@ParameterizedTest
	@ValueSource(strings = { "quote-service", "time-service", "frontend-service" })
	void imagesAreBuiltForTheRequestedPlatform(String service) {
		ImageTar image = ImageTar.read(this.images.tars().get(service), (path) -> false);

		assertThat(image.config().get("os").asString()).isEqualTo("linux");
		assertThat(image.config().get("architecture").asString()).isEqualTo("arm64");
	}

}
