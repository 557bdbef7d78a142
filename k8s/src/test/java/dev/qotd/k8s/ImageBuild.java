package dev.qotd.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The three images, built as a user builds them: {@code mvn compile jib:buildTar} from the
 * root of the project. It runs on a fresh copy of the sources, so that the build running the
 * tests keeps its own output ({@code target/k8s} among it), with that build's Maven, local
 * repository, settings file and offline mode.
 */
final class ImageBuild {

	static final List<String> SERVICES = List.of("quote-service", "time-service", "frontend-service");

	private ImageBuild() {
	}

	/**
	 * Builds the images in {@code workDirectory/project}, logging to {@code build.log} beside it.
	 * @param properties {@code -D} options, such as {@code -Dimage.tag=...}
	 * @return the {@code docker load} archive of each service, by artifact id
	 */
	static Map<String, Path> jibBuildTar(Path workDirectory, Duration timeout, List<String> properties) {
		Path copy = workDirectory.resolve("project");
		Path log = workDirectory.resolve("build.log");
		Project.deleteRecursively(workDirectory);
		Project.copy(Project.directory(), copy, Set.of("target", ".git", ".idea", ".vscode"));
		List<String> command = new ArrayList<>(List.of(maven(), "-B", "--no-transfer-progress", "-pl",
				String.join(",", SERVICES), "-am", "compile", "jib:buildTar", "-Djib.disableUpdateChecks=true",
				"-Djib.console=plain"));
		String repository = System.getProperty("maven.repo.local", "");
		if (!repository.isBlank()) {
			command.add("-Dmaven.repo.local=" + repository);
		}
		if ("offline=true".equals(System.getProperty("qotd.maven.mode"))) {
			command.add("--offline");
		}
		String settings = System.getProperty("qotd.maven.settings", "");
		if (!settings.isBlank() && Files.isRegularFile(Path.of(settings))) {
			command.add("--settings=" + settings);
		}
		command.addAll(properties);
		try {
			Process build = new ProcessBuilder(command).directory(copy.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			try {
				if (!build.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
					throw new AssertionError("mvn compile jib:buildTar took more than " + timeout + "; see " + log);
				}
			}
			finally {
				build.descendants().forEach(ProcessHandle::destroyForcibly);
				build.destroyForcibly();
			}
			if (build.exitValue() != 0) {
				List<String> lines = Files.readAllLines(log);
				throw new AssertionError(String.join(" ", command) + " failed (" + log + "):\n"
						+ String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
			}
		}
		catch (IOException ex) {
			throw new AssertionError("Cannot run Maven on " + copy, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while building the images", ex);
		}
		Map<String, Path> tars = new LinkedHashMap<>();
		SERVICES.forEach((service) -> tars.put(service, copy.resolve(service).resolve("target/jib-image.tar")));
		return tars;
	}

	private static String maven() {
		String home = System.getProperty("maven.home", "");
		return home.isBlank() ? "mvn" : Path.of(home, "bin", "mvn").toString();
	}

}
