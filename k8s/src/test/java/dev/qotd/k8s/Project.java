package dev.qotd.k8s;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The project around the manifests: its directories, build settings, the services' sources, its images. */
final class Project {

	/** The Deployments; their modules and images are {@code <name>-service}. */
	static final List<String> SERVICES = List.of("quote", "time", "frontend");

	private Project() {
	}

	static Path directory() {
		return Path.of(System.getProperty("qotd.project-dir", "..")).toAbsolutePath().normalize();
	}

	static Path manifests() {
		return directory().resolve("k8s");
	}

	/** The project version: the images' tag when the build names none. */
	static String version() {
		return required("qotd.version");
	}

	static String required(String systemProperty) {
		String value = System.getProperty(systemProperty, "");
		assertThat(value).as("the system property %s, which Maven sets", systemProperty).isNotBlank();
		return value;
	}

	/** Writes {@code k8s/} as users apply it to {@code directory/k8s}, the k3s suite's kustomizations beside it. */
	static Path clusterManifests(Path directory) {
		deleteRecursively(directory);
		copy(manifests(), directory.resolve("k8s"), Set.of("src", "target", "pom.xml"));
		copy(manifests().resolve("src/test/resources/k3s"), directory, Set.of("Dockerfile"));
		return directory;
	}

	/** A property of the parent POM, as written there: its first element of that name (properties come first). */
	static String buildProperty(String name) {
		Matcher property = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</")
			.matcher(text(directory().resolve("pom.xml")));
		assertThat(property.find()).as("the parent POM's property %s", name).isTrue();
		return property.group(1).strip();
	}

	/** The settings every service starts with (service-support's qotd-service-defaults.yaml), by dotted name. */
	static Properties serviceDefaults() {
		Path defaults = directory().resolve("service-support/src/main/resources/qotd-service-defaults.yaml");
		Properties properties = new Properties();
		flatten("", io(() -> YAMLMapper.builder().build().readTree(defaults.toFile())), properties);
		return properties;
	}

	private static void flatten(String prefix, JsonNode node, Properties properties) {
		if (node.isObject()) {
			node.properties().forEach((field) -> flatten(prefix + field.getKey() + ".", field.getValue(), properties));
		}
		else {
			String value = String.join(",", node.isArray() ? node.valueStream().map(JsonNode::asString).toList()
					: List.of(node.asString()));
			properties.setProperty(prefix.substring(0, prefix.length() - 1), value);
		}
	}

	/**
	 * Whether the service's module or service-support reads the environment variable {@code name}: as a
	 * string literal ({@code "POD_NAME"}) or a whole placeholder ({@code ${QUOTES_FILE}}, {@code ${QUOTES_FILE:x}}).
	 */
	static boolean reads(String service, String name) {
		Pattern placeholder = Pattern.compile("\\$\\{" + Pattern.quote(name) + "[:}]");
		return Stream.of(service + "-service", "service-support")
			.flatMap((module) -> files(directory().resolve(module).resolve("src/main"), Set.of()))
			.map(Project::text)
			.anyMatch((text) -> text.contains("\"" + name + "\"") || placeholder.matcher(text).find());
	}

	/**
	 * Builds the images as a user does, {@code mvn compile jib:buildTar} from the root, with this build's Maven,
	 * repository, settings and offline mode, on a copy of the sources in {@code workDirectory/project}: this build
	 * keeps its own output, {@code target/k8s} among it. Returns each service's archive, by module.
	 */
	static Map<String, Path> jibBuildTar(Path workDirectory, Duration timeout, List<String> properties) {
		Path copy = workDirectory.resolve("project");
		Path log = workDirectory.resolve("build.log");
		deleteRecursively(workDirectory);
		copy(directory(), copy, Set.of("target", ".git", ".idea", ".vscode"));
		List<String> command = new ArrayList<>(List.of(Path.of(required("maven.home"), "bin", "mvn").toString(), "-B",
				"-ntp", "-pl", "quote-service,time-service,frontend-service", "-am", "compile", "jib:buildTar",
				"-Djib.disableUpdateChecks=true", "-Dmaven.repo.local=" + required("maven.repo.local")));
		if ("offline=true".equals(System.getProperty("qotd.maven.mode"))) {
			command.add("--offline");
		}
		if (Files.isRegularFile(Path.of(System.getProperty("qotd.maven.settings", "")))) {
			command.add("--settings=" + System.getProperty("qotd.maven.settings"));
		}
		command.addAll(properties);
		Process build = io(() -> new ProcessBuilder(command).directory(copy.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start());
		boolean ended = io(() -> build.waitFor(timeout.toSeconds(), TimeUnit.SECONDS));
		build.descendants().forEach(ProcessHandle::destroyForcibly);
		build.destroyForcibly();
		if (!ended || io(build::waitFor) != 0) {
			List<String> lines = io(() -> Files.readAllLines(log));
			throw new AssertionError(String.join(" ", command) + (ended ? " failed" : " took over " + timeout)
					+ ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
		}
		Map<String, Path> tars = new LinkedHashMap<>();
		SERVICES.forEach((app) -> tars.put(app + "-service", copy.resolve(app + "-service/target/jib-image.tar")));
		return tars;
	}

	/** The files below {@code directory}, but those whose path below it has a part named in {@code skipped}. */
	static Stream<Path> files(Path directory, Set<String> skipped) {
		try (Stream<Path> files = io(() -> Files.walk(directory))) {
			return files.filter(Files::isRegularFile).filter((file) -> {
				for (Path part : directory.relativize(file)) {
					if (skipped.contains(part.toString())) {
						return false;
					}
				}
				return true;
			}).toList().stream();
		}
	}

	static void copy(Path source, Path target, Set<String> skipped) {
		files(source, skipped).forEach((file) -> {
			Path copy = target.resolve(source.relativize(file).toString());
			io(() -> Files.copy(file, Files.createDirectories(copy.getParent()).resolve(copy.getFileName())));
		});
	}

	static void deleteRecursively(Path directory) {
		if (Files.exists(directory)) {
			try (Stream<Path> paths = io(() -> Files.walk(directory))) {
				paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

	static String text(Path file) {
		return io(() -> new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
	}

	/** Runs {@code action}; a checked exception it throws fails the test, wrapped. */
	static <T> T io(Callable<T> action) {
		try {
			return action.call();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
