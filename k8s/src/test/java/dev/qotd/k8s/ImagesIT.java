package dev.qotd.k8s;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images as a user builds them for a registry ({@link Project#jibBuildTar}, with a
 * registry, a tag and a commit). No registry is at hand here, so the base image is
 * {@code scratch}: what is checked is everything this project puts into an image (name,
 * entrypoint, JVM flags, user, port, labels, times, layers), not the base's JRE.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImagesIT {

	private static final String REGISTRY = "registry.test/qotd";

	private static final String TAG = "it";

	private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

	private static final String SOURCE = "https://git.example.test/qotd";

	private final Path copy = Path.of("target/images-it/project").toAbsolutePath();

	private final Map<String, ImageTar> images = new LinkedHashMap<>();

	@BeforeAll
	void buildTheImagesOfAFreshCopy() {
		Project.jibBuildTar(this.copy.getParent(), Duration.ofMinutes(10), List.of("-Dimage.base=scratch",
				"-Dimage.registry=" + REGISTRY, "-Dimage.tag=" + TAG, "-Dgit.commit=" + COMMIT, "-Dimage.source=" + SOURCE))
			.forEach((service, tar) -> this.images.put(service,
					ImageTar.read(tar, (path) -> path.startsWith("app/jib-") || path.startsWith("app/libs/service-support-"))));
	}

	@Test
	void onlyTheThreeServicesBecomeImages() throws IOException {
		try (var modules = Files.list(this.copy)) {
			assertThat(modules.filter((module) -> Files.exists(module.resolve("target/jib-image.tar")))
				.map((module) -> module.getFileName().toString())).containsExactlyInAnyOrderElementsOf(this.images.keySet());
		}
		assertThat(this.images).hasSize(3);
	}

	@ParameterizedTest
	@ValueSource(strings = { "quote-service", "time-service", "frontend-service" })
	void imagesAreNamedByRegistryArtifactAndTag(String service) {
		assertThat(this.images.get(service).repoTags()).containsExactly(REGISTRY + "/" + service + ":" + TAG);
	}

	/** The flags are the parent POM's jib.container.jvmFlags, which failsafe passes in. */
	@ParameterizedTest
	@ValueSource(strings = { "quote-service", "time-service", "frontend-service" })
	void imagesStartTheServicesMainClassWithThePomsJvmFlags(String service) {
		List<String> entrypoint = this.images.get(service).entrypoint();
		String mainClass = entrypoint.get(entrypoint.size() - 1).replace('.', '/');

		assertThat(entrypoint.get(0)).isEqualTo("java");
		assertThat(entrypoint.subList(1, entrypoint.size() - 3))
			.containsExactlyElementsOf(Arrays.asList(Project.required("qotd.jvm-flags").split(",")));
		assertThat(entrypoint.subList(entrypoint.size() - 3, entrypoint.size() - 1))
			.containsExactly("-cp", "@/app/jib-classpath-file");
		assertThat(this.images.get(service).files()).containsKey("app/classes/" + mainClass + ".class");
		assertThat(Project.text(this.copy.resolve(service + "/src/main/java/" + mainClass + ".java")))
			.as("the main class, %s", mainClass)
			.contains("SpringApplication.run(");
	}

	@ParameterizedTest
	@ValueSource(strings = { "quote-service", "time-service", "frontend-service" })
	void imagesRunAsTheNumericNonRootUserOfTheManifestsOnPort8080(String service) {
		ImageTar image = this.images.get(service);

		assertThat(image.containerConfig().get("User").asString()).matches("[1-9][0-9]*")
			.isEqualTo(Project.buildProperty("image.user"));
		assertThat(image.containerConfig().get("ExposedPorts").propertyNames()).containsExactly("8080/tcp");
	}

	/** A laptop's local cluster runs what the laptop built: an arm64 machine builds arm64 images. */
	@ParameterizedTest
	@ValueSource(strings = { "quote-service", "time-service", "frontend-service" })
	void imagesAreForTheBuildMachinesArchitecture(String service) {
		String expected = switch (System.getProperty("os.arch")) {
			case "aarch64", "arm64" -> "arm64";
			default -> "amd64";
		};

		assertThat(this.images.get(service).config().get("os").asString()).isEqualTo("linux");
		assertThat(this.images.get(service).config().get("architecture").asString()).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "quote-service", "time-service", "frontend-service" })
	void imagesCarryOciLabels(String service) {
		JsonNode labels = this.images.get(service).containerConfig().get("Labels");

		assertThat(labels.get("org.opencontainers.image.title").asString()).isEqualTo(service);
		assertThat(labels.get("org.opencontainers.image.version").asString()).isEqualTo(TAG);
		assertThat(labels.get("org.opencontainers.image.revision").asString()).isEqualTo(COMMIT);
		assertThat(labels.get("org.opencontainers.image.source").asString()).isEqualTo(SOURCE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "quote-service", "time-service", "frontend-service" })
	void imagesAreReproducible(String service) {
		ImageTar image = this.images.get(service);
		Instant outputTimestamp = Instant.parse(Project.buildProperty("project.build.outputTimestamp"));

		assertThat(Instant.parse(image.config().get("created").asString())).isEqualTo(outputTimestamp);
		assertThat(image.files().values()).as("file times, none of them the time of the build")
			.allSatisfy((time) -> assertThat(time).isBeforeOrEqualTo(outputTimestamp));
		assertThat(image.files().entrySet().stream()
			.filter((file) -> file.getKey().endsWith(".class") || file.getKey().endsWith(".jar"))
			.map(Map.Entry::getValue))
			.as("the times of the application's classes and jars: the build's output timestamp")
			.isNotEmpty()
			.containsOnly(outputTimestamp);
	}

	/**
	 * Every class and resource the module compiled, the support module as a jar (a reactor build
	 * could hand Jib its classes directory instead, GoogleContainerTools/jib#2042) and the
	 * dependencies, all on the class path Jib writes.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "quote-service", "time-service", "frontend-service" })
	void layersHoldTheServiceItsSupportModuleAndItsDependencies(String service) throws IOException {
		ImageTar image = this.images.get(service);
		Path classes = this.copy.resolve(service + "/target/classes");
		Map<Boolean, Set<String>> compiled = Project.files(classes, Set.of())
			.map((file) -> classes.relativize(file).toString())
			.collect(Collectors.partitioningBy((file) -> file.endsWith(".class"), Collectors.toSet()));
		String supportJar = "app/libs/service-support-" + Project.version() + ".jar";

		assertThat(files(image, "app/classes/")).isNotEmpty().isEqualTo(compiled.get(true));
		assertThat(files(image, "app/resources/")).contains("application.yaml").isEqualTo(compiled.get(false));
		assertThat(image.files().keySet()).anySatisfy((path) -> assertThat(path).matches("app/libs/spring-boot-4.*\\.jar"))
			.anySatisfy((path) -> assertThat(path).matches("app/libs/spring-webmvc-.*\\.jar"))
			.noneSatisfy((path) -> assertThat(path).startsWith("app/libs/classes"));
		assertThat(image.contents()).containsKey(supportJar);
		assertThat(jarEntries(image.contents().get(supportJar))).as("the entries of %s", supportJar)
			.contains("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")
			.anySatisfy((entry) -> assertThat(entry).startsWith("dev/qotd/support/").endsWith(".class"));
		assertThat(new String(image.contents().get("app/jib-classpath-file"), StandardCharsets.UTF_8).strip().split(":"))
			.contains("/app/classes", "/app/resources", "/" + supportJar)
			.allSatisfy((entry) -> assertThat(image.files().keySet()).as("the image's files")
				.containsAnyOf(entry.substring(1), entry.substring(1) + "/"));
	}

	/** target/k8s, which that build wrote: k8s/ with the images this build named. */
	@Test
	void theBuildsOverlayDeploysExactlyTheseImages() {
		Manifests overlay = Manifests.render(this.copy.resolve("target/k8s"));

		assertThat(overlay.all(Deployment.class))
			.flatMap((deployment) -> deployment.getSpec().getTemplate().getSpec().getContainers())
			.extracting(Container::getImage)
			.containsExactlyInAnyOrderElementsOf(
					this.images.values().stream().flatMap((image) -> image.repoTags().stream()).toList());
		assertThat(overlay.objects()).hasSameSizeAs(Manifests.render(Project.manifests()).objects());
	}

	/** The regular files below {@code directory} in the image, relative to it. */
	private static Set<String> files(ImageTar image, String directory) {
		return image.files().keySet().stream()
			.filter((path) -> path.startsWith(directory) && !path.endsWith("/"))
			.map((path) -> path.substring(directory.length()))
			.collect(Collectors.toSet());
	}

	private static List<String> jarEntries(byte[] jar) throws IOException {
		List<String> entries = new ArrayList<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				entries.add(entry.getName());
			}
		}
		return entries;
	}

}
