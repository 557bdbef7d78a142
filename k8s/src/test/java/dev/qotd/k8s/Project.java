package dev.qotd.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The project around the manifests: its directories, build settings and the services' sources. */
final class Project {

	static final List<String> SERVICES = List.of("quote", "time", "frontend");

	static final String SUPPORT_MODULE = "service-support";

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
		String value = System.getProperty(systemProperty);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(systemProperty + " is not set; run the tests with Maven");
		}
		return value;
	}

	/**
	 * Writes {@code k8s/} as users apply it (without the module's build files) to
	 * {@code directory/k8s} and, beside it, the cluster tests' kustomizations on top of it
	 * ({@code src/test/resources/k3s}: {@code with-policies}, {@code changed-quotes}).
	 */
	static Path clusterManifests(Path directory) {
		deleteRecursively(directory);
		copy(manifests(), directory.resolve("k8s"), Set.of("src", "target", "pom.xml"));
		copy(manifests().resolve("src/test/resources/k3s"), directory, Set.of("Dockerfile"));
		return directory;
	}

	/** A property of the parent POM, as written there. */
	static String buildProperty(String name) {
		try {
			Element pom = DocumentBuilderFactory.newInstance()
				.newDocumentBuilder()
				.parse(directory().resolve("pom.xml").toFile())
				.getDocumentElement();
			Element properties = (Element) pom.getElementsByTagName("properties").item(0);
			return properties.getElementsByTagName(name).item(0).getTextContent().strip();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read the property " + name + " of the parent POM", ex);
		}
	}

	/**
	 * The settings every service starts with (service-support's shared defaults, a YAML or a
	 * properties file), flattened to Spring's dotted names.
	 */
	static Properties serviceDefaults() {
		Path resources = directory().resolve(SUPPORT_MODULE + "/src/main/resources");
		Properties properties = new Properties();
		try {
			Path yamlFile = resources.resolve("qotd-service-defaults.yaml");
			if (Files.exists(yamlFile)) {
				flatten("", YAMLMapper.builder().build().readTree(yamlFile.toFile()), properties);
			}
			else {
				try (InputStream input = Files.newInputStream(resources.resolve("qotd-service-defaults.properties"))) {
					properties.load(input);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

	private static void flatten(String prefix, JsonNode node, Properties properties) {
		if (node.isObject()) {
			for (Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator(); fields.hasNext();) {
				Map.Entry<String, JsonNode> field = fields.next();
				flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), properties);
			}
		}
		else {
			properties.setProperty(prefix, node.isArray() ? String.join(",", node.valueStream().map(JsonNode::asString).toList())
					: node.asString());
		}
	}

	/**
	 * Whether the service (or the support module it builds on) reads the environment variable
	 * {@code name}: its main sources or resources name it as a string literal
	 * ({@code "POD_NAME"}) or a placeholder ({@code ${QUOTES_FILE}} or
	 * {@code ${QUOTES_FILE:default}}, not merely one that begins with the name).
	 */
	static boolean reads(String service, String name) {
		Pattern placeholder = Pattern.compile("\\$\\{" + Pattern.quote(name) + "[:}]");
		return Stream.of(service + "-service", SUPPORT_MODULE)
			.flatMap((module) -> files(directory().resolve(module).resolve("src/main")))
			.map(Project::text)
			.anyMatch((text) -> text.contains("\"" + name + "\"") || placeholder.matcher(text).find());
	}

	/** The files below {@code directory} but those whose path below it has a part named in {@code skipped}. */
	static Stream<Path> files(Path directory, Set<String> skipped) {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).filter((file) -> {
				for (Path part : directory.relativize(file)) {
					if (skipped.contains(part.toString())) {
						return false;
					}
				}
				return true;
			}).toList().stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Stream<Path> files(Path directory) {
		return files(directory, Set.of());
	}

	/** Copies the files of {@code source} to {@code target}, but those {@link #files} skips. */
	static void copy(Path source, Path target, Set<String> skipped) {
		files(source, skipped).forEach((file) -> {
			try {
				Path copy = target.resolve(source.relativize(file).toString());
				Files.createDirectories(copy.getParent());
				Files.copy(file, copy);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	static void deleteRecursively(Path directory) {
		if (Files.exists(directory)) {
			try (Stream<Path> paths = Files.walk(directory)) {
				paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	static String text(Path file) {
		try {
			return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
