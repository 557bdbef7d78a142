package dev.qotd.k8s;

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
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images as a user builds them for a registry ({@link Project#jibBuildTar}, with a registry,
 * a tag and a commit). No registry is at hand here, so the base image is {@code scratch}: what
 * is checked is everything this project puts into an image (name, entrypoint, JVM flags, user,
 * port, labels, times, layers), not the base's JRE.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImagesIT {

	private static final String REGISTRY = "registry.test/qotd";

	private static final String TAG = "it";

	private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

	private static final String SOURCE = "https://git.example.test/qotd";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Path copy = Path.of("target/images-it/project").toAbsolutePath();

	private final Map<String, ImageTar> images = new LinkedHashMap<>();

	@BeforeAll
	void buildTheImagesOfAFreshCopy() {
		Project.jibBuildTar(this.copy.getParent(), Duration.ofMinutes(10), List.of("-Dimage.base=scratch",
				"-Dimage.registry=" + REGISTRY, "-Dimage.tag=" + TAG, "-Dgit.commit=" + COMMIT,
				"-Dimage.source=" + SOURCE))
			.forEach((service, tar) -> this.images.put(service, ImageTar.read(tar,
					(path) -> path.startsWith("app/jib-") || path.startsWith("app/libs/service-support-"))));
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

	/** The user is the manifests' runAsUser; a laptop's local cluster runs what it built (arm64 on arm64). */
	@ParameterizedTest
	@ValueSource(strings = { "quote-service", "time-service", "frontend-service" })
	void imagesAreNamedRunAsTheManifestsUserOnPort8080ForThisMachineLabelledAndReproducible(String service) {
		ImageTar image = this.images.get(service);
		JsonNode container = image.config().get("config");
		Instant outputTimestamp = Instant.parse(Project.buildProperty("project.build.outputTimestamp"));

		assertThat(image.repoTags()).containsExactly(REGISTRY + "/" + service + ":" + TAG);
		assertThat(container.get("User").asString()).matches("[1-9][0-9]*")
			.isEqualTo(Project.buildProperty("image.user"));
		assertThat(container.get("ExposedPorts").propertyNames()).containsExactly("8080/tcp");
		assertThat(image.config().get("os").asString() + "/" + image.config().get("architecture").asString())
			.isEqualTo(System.getProperty("os.arch").matches("aarch64|arm64") ? "linux/arm64" : "linux/amd64");
		JsonNode labels = container.get("Labels");
		assertThat(List.of("title", "version", "revision", "source"))
			.extracting((label) -> labels.path("org.opencontainers.image." + label).asString())
			.containsExactly(service, TAG, COMMIT, SOURCE);
		// Reproducible: the same sources give the same image, whenever they are built.
		assertThat(Instant.parse(image.config().get("created").asString())).isEqualTo(outputTimestamp);
		assertThat(image.files().values()).as("file times")
			.allSatisfy((time) -> assertThat(time).isBeforeOrEqualTo(outputTimestamp));
		assertThat(image.files().entrySet().stream().filter((file) -> file.getKey().matches(".*\\.(class|jar)")))
			.as("the application's classes and jars, and their times")
			.isNotEmpty()
			.allSatisfy((file) -> assertThat(file.getValue()).isEqualTo(outputTimestamp));
	}

	/**
	 * Every class and resource the module compiled, the support module as a jar (a reactor build
	 * could hand Jib its classes directory instead, GoogleContainerTools/jib#2042) and the
	 * dependencies, all on the class path Jib writes.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "quote-service", "time-service", "frontend-service" })
	void layersHoldTheServiceItsSupportModuleAndItsDependencies(String service) {
		ImageTar image = this.images.get(service);
		Path classes = this.copy.resolve(service + "/target/classes");
		Map<Boolean, Set<String>> compiled = Project.files(classes, Set.of())
			.map((file) -> classes.relativize(file).toString())
			.collect(Collectors.partitioningBy((file) -> file.endsWith(".class"), Collectors.toSet()));
		String supportJar = "app/libs/service-support-" + Project.version() + ".jar";

		assertThat(files(image, "app/classes/")).isNotEmpty().isEqualTo(compiled.get(true));
		assertThat(files(image, "app/resources/")).contains("application.yaml").isEqualTo(compiled.get(false));
		assertThat(files(image, "app/libs/")).anySatisfy((jar) -> assertThat(jar).matches("spring-boot-4.*\\.jar"))
			.anySatisfy((jar) -> assertThat(jar).matches("spring-webmvc-.*\\.jar"))
			.noneSatisfy((jar) -> assertThat(jar).startsWith("classes"));
		// A jar names its entries uncompressed: the auto-configuration and its classes are in it.
		assertThat(image.contents()).containsKey(supportJar);
		assertThat(new String(image.contents().get(supportJar), StandardCharsets.ISO_8859_1)).as("%s", supportJar)
			.contains("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")
			.containsPattern("dev/qotd/support/[A-Za-z/]+\\.class");
		String classPath = new String(image.contents().get("app/jib-classpath-file"), StandardCharsets.UTF_8);
		assertThat(classPath.strip().split(":"))
			.contains("/app/classes", "/app/resources", "/" + supportJar)
			.allSatisfy((entry) -> assertThat(image.files().keySet()).as("the image's files")
				.containsAnyOf(entry.substring(1), entry.substring(1) + "/"));
	}

	/** Only the three services become images, and target/k8s, which that build wrote, deploys exactly them. */
	@Test
	void theBuildsOverlayDeploysExactlyTheseImages() {
		Manifests overlay = Manifests.render(this.copy.resolve("target/k8s"));

		assertThat(overlay.all(Deployment.class))
			.flatMap((deployment) -> deployment.getSpec().getTemplate().getSpec().getContainers())
			.extracting(Container::getImage)
			.containsExactlyInAnyOrderElementsOf(
					this.images.values().stream().map((image) -> image.repoTags().get(0)).toList());
		assertThat(overlay.objects()).hasSameSizeAs(Manifests.render(Project.manifests()).objects());
		assertThat(Project.files(this.copy, Set.of("src")).filter((file) -> file.endsWith("target/jib-image.tar")))
			.as("the image archives the build wrote")
			.extracting((tar) -> this.copy.relativize(tar).getName(0).toString())
			.containsExactlyInAnyOrderElementsOf(this.images.keySet())
			.hasSize(3);
	}

	/** The regular files below {@code directory} in the image, relative to it. */
	private static Set<String> files(ImageTar image, String directory) {
		return image.files()
			.keySet()
			.stream()
			.filter((path) -> path.startsWith(directory) && !path.endsWith("/"))
			.map((path) -> path.substring(directory.length()))
			.collect(Collectors.toSet());
	}

	/**
	 * A {@code docker load} archive: the image's names, configuration, every file and directory (ending with a
	 * slash) of its layers with its time, and the contents of the files the reader was asked to keep.
	 */
	record ImageTar(List<String> repoTags, ObjectNode config, Map<String, Instant> files,
			Map<String, byte[]> contents) {

		static ImageTar read(Path tar, Predicate<String> keep) {
			ImageTar image = new ImageTar(new ArrayList<>(), json.createObjectNode(), new LinkedHashMap<>(),
					new LinkedHashMap<>());
			try (TarArchiveInputStream archive = new TarArchiveInputStream(Files.newInputStream(tar))) {
				for (TarArchiveEntry entry = archive.getNextEntry(); entry != null; entry = archive.getNextEntry()) {
					if (entry.getName().equals("manifest.json")) {
						json.readTree(archive.readAllBytes()).get(0).get("RepoTags")
							.forEach((name) -> image.repoTags().add(name.asString()));
					}
					else if (entry.getName().equals("config.json")) {
						image.config().setAll((ObjectNode) json.readTree(archive.readAllBytes()));
					}
					else if (entry.getName().endsWith(".tar.gz")) {
						// Read to its end, not closed: that would close the archive.
						TarArchiveInputStream files = new TarArchiveInputStream(new GZIPInputStream(archive));
						for (TarArchiveEntry file = files.getNextEntry(); file != null; file = files.getNextEntry()) {
							image.files().put(file.getName(), file.getModTime().toInstant());
							if (file.isFile() && keep.test(file.getName())) {
								image.contents().put(file.getName(), files.readAllBytes());
							}
						}
					}
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot read the image " + tar, ex);
			}
			assertThat(image.repoTags()).as("the names in %s", tar).isNotEmpty();
			return image;
		}

		List<String> entrypoint() {
			return this.config.get("config").get("Entrypoint").valueStream().map(JsonNode::asString).toList();
		}

	}

}
