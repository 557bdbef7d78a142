package dev.qotd.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The project around the manifests: its directories, build settings and service sources. */
final class Project {

	static final String SUPPORT_MODULE = "service-support";

	private Project() {
	}

	static Path directory() {
		return Path.of(System.getProperty("qotd.project-dir", "..")).toAbsolutePath().normalize();
	}

	static Path manifests() {
		return directory().resolve("k8s");
	}

	/** The version that the images are tagged with by default. */
	static String version() {
		String version = System.getProperty("qotd.version");
		if (version == null) {
			throw new IllegalStateException("qotd.version is not set; run the tests with Maven");
		}
		return version;
	}

	/** The settings that every service starts with (service-support's defaults). */
	static Properties serviceDefaults() {
		Path file = directory().resolve(SUPPORT_MODULE + "/src/main/resources/qotd-service-defaults.properties");
		Properties properties = new Properties();
		try (InputStream input = Files.newInputStream(file)) {
			properties.load(input);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

	/** A property of the parent POM, as written there. */
	static String buildProperty(String name) {
		try {
			Document pom = DocumentBuilderFactory.newInstance()
				.newDocumentBuilder()
				.parse(directory().resolve("pom.xml").toFile());
			NodeList properties = pom.getDocumentElement().getElementsByTagName("properties");
			NodeList values = ((org.w3c.dom.Element) properties.item(0)).getElementsByTagName(name);
			if (values.getLength() == 0) {
				throw new IllegalStateException("The parent POM has no property " + name);
			}
			return values.item(0).getTextContent().strip();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read the parent POM", ex);
		}
	}

	/**
	 * Whether {@code module} (or the support module it builds on) reads the environment
	 * variable {@code name}: its main sources or resources name it as a string literal
	 * ({@code "POD_NAME"}) or a placeholder ({@code ${QUOTE_SERVICE_URL}} or
	 * {@code ${QUOTE_SERVICE_URL:default}}; not merely one that begins with the name).
	 */
	static boolean reads(String module, String name) {
		Pattern placeholder = Pattern.compile("\\$\\{" + Pattern.quote(name) + "[:}]");
		return Stream.of(module, SUPPORT_MODULE)
			.map((each) -> directory().resolve(each).resolve("src/main"))
			.flatMap(Project::files)
			.map(Project::text)
			.anyMatch((text) -> text.contains("\"" + name + "\"") || placeholder.matcher(text).find());
	}

	private static Stream<Path> files(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).toList().stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String text(Path file) {
		try {
			return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<String> services() {
		return List.of("quote", "time", "frontend");
	}

}
