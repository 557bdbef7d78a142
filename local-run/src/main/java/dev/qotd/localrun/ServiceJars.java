package dev.qotd.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Finds the executable jar that {@code mvn package} leaves in each service's target folder. */
final class ServiceJars {

	private ServiceJars() {
	}

	static Path locate(Path projectDir, Service service) {
		return locate(projectDir, service, LocalRun.class.getPackage().getImplementationVersion());
	}

	/**
	 * The jar of {@code version} (this launcher's) when there is one, else the newest: after a
	 * version change without {@code mvn clean} both are there, with the same time (the build is
	 * reproducible).
	 */
	static Path locate(Path projectDir, Service service, String version) {
		Path target = projectDir.resolve(service.module()).resolve("target");
		String prefix = service.module() + "-";
		if (version != null && Files.isRegularFile(target.resolve(prefix + version + ".jar"))) {
			return target.resolve(prefix + version + ".jar");
		}
		try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
			return files.filter((file) -> {
				String name = file.getFileName().toString();
				return name.startsWith(prefix) && name.endsWith(".jar") && !name.endsWith("-plain.jar")
						&& !name.endsWith("-sources.jar") && !name.endsWith("-javadoc.jar");
			}).max(Comparator.comparing(ServiceJars::lastModified)).orElseThrow(() -> new LocalRunException(
					"No jar of %s in %s. Build the services first: mvn -DskipTests package (./run-local does it when a jar is missing)"
						.formatted(service.module(), target)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static long lastModified(Path file) {
		try {
			return Files.getLastModifiedTime(file).toMillis();
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
