package dev.qotd.k8s;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images, built as a user builds them: {@code mvn compile jib:buildTar} from the root
 * of a fresh copy of the project, with a registry, a tag and a commit. No registry is at
 * hand here, so the base image is {@code scratch}: what is checked is everything this
 * project puts into an image (entrypoint, JVM flags, user, port, labels, layers), not the
 * JRE of the base.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImagesIT {

	private static final String REGISTRY = "registry.test/qotd";

	private static final String TAG = "it";

	private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

	private static final String SOURCE = "https://git.example.test/qotd";

	private static final List<String> SERVICES = List.of("quote-service", "time-service", "frontend-service");

	private final Path workDirectory = Path.of("target/images-it").toAbsolutePath();

	private final Path copy = this.workDirectory.resolve("project");

	private final Map<String, ImageTar> images = new LinkedHashMap<>();

	@BeforeAll
	void buildTheImagesOfAFreshCopy() {
		ProjectCopy.freshIn(this.workDirectory)
			.maven(Duration.ofMinutes(10), List.of("-pl", String.join(",", SERVICES), "-am", "compile", "jib:buildTar",
					"-Dimage.base=scratch", "-Dimage.registry=" + REGISTRY, "-Dimage.tag=" + TAG, "-Dgit.commit=" + COMMIT,
					"-Dimage.source=" + SOURCE, "-Djib.disableUpdateChecks=true"));
		for (String service : SERVICES) {
			this.images.put(service, ImageTar.read(this.copy.resolve(service).resolve("target/jib-image.tar"),
					(path) -> path.startsWith("app/jib-") || path.startsWith("app/libs/service-support-")));
		}
	}

	@Test
	void onlyTheThreeServicesBecomeImages() throws IOException {
		try (var modules = Files.list(this.copy)) {
			assertThat(modules.filter((module) -> Files.exists(module.resolve("target/jib-image.tar")))
				.map((module) -> module.getFileName().toString())).containsExactlyInAnyOrderElementsOf(SERVICES);
		}
		assertThat(this.copy.resolve("target/jib-image.tar")).doesNotExist();
	}

	@ParameterizedTest
	@ValueSource(strings = { "quote-service", "time-service", "frontend-service" })
	void imagesAreNamedByRegistryArtifactAndTag(String service) {
		assertThat(this.images.get(service).repoTags()).containsExactly(REGISTRY + "/" + service + ":" + TAG);
	}

	@ParameterizedTest
	@CsvSource({ "quote-service, dev.qotd.quote.QuoteServiceApplication",
			"time-service, dev.qotd.time.TimeServiceApplication",
			"frontend-service, dev.qotd.frontend.FrontendServiceApplication" })
	void imagesStartTheServiceWithJvmFlagsSizedForAContainer(String service, String mainClass) {
		ImageTar image = this.images.get(service);
		List<String> entrypoint = image.entrypoint();

		assertThat(entrypoint.get(0)).isEqualTo("java");
		assertThat(entrypoint.subList(entrypoint.size() - 3, entrypoint.size()))
			.containsExactly("-cp", "@/app/jib-classpath-file", mainClass);
		assertThat(entrypoint).anySatisfy((flag) -> assertThat(flag).matches("-XX:MaxRAMPercentage=[1-7][0-9]"))
			.contains("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp");
		assertThat(image.files()).containsKey("app/classes/" + mainClass.replace('.', '/') + ".class");
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
		ImageTar image = this.images.get(service);

		assertThat(image.config().get("os").asString()).isEqualTo("linux");
		assertThat(image.config().get("architecture").asString()).isEqualTo(expected);
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

	@ParameterizedTest
	@CsvSource({ "quote-service, dev/qotd/quote/web/QuoteController.class",
			"time-service, dev/qotd/time/clock/TimeController.class",
			"frontend-service, dev/qotd/frontend/page/PageController.class" })
	void layersHoldTheServiceItsSupportModuleAndItsDependencies(String service, String someClass) throws IOException {
		ImageTar image = this.images.get(service);
		String supportJar = "app/libs/service-support-" + Project.version() + ".jar";
		List<String> classPath = Arrays.asList(image.content("app/jib-classpath-file").strip().split(":"));

		assertThat(image.files()).containsKeys("app/classes/" + someClass, "app/resources/application.yaml",
				supportJar);
		assertThat(image.files().keySet()).anySatisfy((path) -> assertThat(path).matches("app/libs/spring-boot-4.*\\.jar"))
			.anySatisfy((path) -> assertThat(path).matches("app/libs/spring-webmvc-.*\\.jar"))
			.noneSatisfy((path) -> assertThat(path).startsWith("app/libs/classes"));
		assertThat(jarEntries(image.contents().get(supportJar)))
			.contains("dev/qotd/support/ServiceSupportAutoConfiguration.class", "qotd-service-defaults.properties");
		assertThat(classPath).contains("/app/classes", "/app/resources", "/" + supportJar)
			.allSatisfy((entry) -> assertThat(image.files()).containsKey(entry.substring(1)));
	}

	@Test
	void theBuildsOverlayDeploysExactlyTheseImages() {
		List<HasMetadata> objects = KubernetesObjects.read(Kubectl.kustomize(this.copy.resolve("target/k8s")));

		assertThat(objects).filteredOn(Deployment.class::isInstance)
			.map(Deployment.class::cast)
			.flatMap((deployment) -> deployment.getSpec().getTemplate().getSpec().getContainers())
			.extracting((container) -> container.getImage())
			.containsExactlyInAnyOrderElementsOf(
					this.images.values().stream().flatMap((image) -> image.repoTags().stream()).toList());
		assertThat(objects).hasSameSizeAs(KubernetesObjects.read(Kubectl.kustomize(Project.manifests())));
	}

	private static List<String> jarEntries(byte[] jar) throws IOException {
		List<String> entries = new ArrayList<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
			ZipEntry entry;
			while ((entry = zip.getNextEntry()) != null) {
				entries.add(entry.getName());
			}
		}
		return entries;
	}

}
