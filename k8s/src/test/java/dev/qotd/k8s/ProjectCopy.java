package dev.qotd.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A fresh copy of the project's sources (no build output) in a work directory, and Maven
 * runs on it as a user runs them, with the Maven, local repository, settings file and
 * offline mode of the build that runs the tests. The tests build images this way without
 * touching the build they run in.
 */
final class ProjectCopy {

	/** Build output, and what Git and IDEs keep beside the sources ({@code .git} is a file in a worktree). */
	private static final Set<String> SKIPPED = Set.of("target", ".git", ".idea", ".vscode");

	private final Path workDirectory;

	private final Path directory;

	private ProjectCopy(Path workDirectory) {
		this.workDirectory = workDirectory;
		this.directory = workDirectory.resolve("project");
	}

	/** Empties {@code workDirectory} and copies the project into its {@code project} directory. */
	static ProjectCopy freshIn(Path workDirectory) {
		ProjectCopy copy = new ProjectCopy(workDirectory.toAbsolutePath());
		try {
			FileTrees.deleteRecursively(copy.workDirectory);
			FileTrees.copy(Project.directory(), copy.directory, SKIPPED);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot copy the project to " + copy.directory, ex);
		}
		return copy;
	}

	/** The root of the copy, where its parent POM is. */
	Path directory() {
		return this.directory;
	}

	/**
	 * Runs {@code mvn -B <arguments>} on the copy, logging to {@code build.log} in the work
	 * directory; fails with the end of the log when Maven fails or takes longer than
	 * {@code timeout}.
	 */
	void maven(Duration timeout, List<String> arguments) {
		Path log = this.workDirectory.resolve("build.log");
		List<String> command = new ArrayList<>(List.of(maven(), "-B", "-f", this.directory.resolve("pom.xml").toString()));
		command.addAll(outerBuildOptions(System.getProperties()));
		command.addAll(arguments);
		String description = "mvn " + String.join(" ", arguments);
		Process build;
		try {
			build = new ProcessBuilder(command).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + description, ex);
		}
		try {
			if (!build.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				throw new AssertionError(description + " took more than " + timeout.toMinutes() + " minutes; see " + log);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while running " + description, ex);
		}
		finally {
			build.descendants().forEach(ProcessHandle::destroyForcibly);
			build.destroyForcibly();
		}
		if (build.exitValue() != 0) {
			throw new AssertionError(description + " failed (" + log + "):\n" + tail(log, 40));
		}
	}

	/**
	 * What the build running the tests was given and a nested build would not find by itself
	 * (failsafe passes them as system properties): the local repository, {@code -o} and
	 * {@code -s}. The default settings file is left to Maven, which reads it when it exists.
	 */
	static List<String> outerBuildOptions(Properties properties) {
		List<String> options = new ArrayList<>();
		String repository = properties.getProperty("maven.repo.local", "");
		if (!repository.isBlank()) {
			options.add("-Dmaven.repo.local=" + repository);
		}
		if ("offline=true".equals(properties.getProperty("qotd.maven.mode"))) {
			options.add("--offline");
		}
		String settings = properties.getProperty("qotd.maven.settings", "");
		if (!settings.isBlank() && Files.isRegularFile(Path.of(settings))) {
			options.add("--settings=" + settings);
		}
		return options;
	}

	private static String tail(Path log, int lines) {
		try {
			List<String> all = Files.readAllLines(log);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(cannot read it: " + ex + ")";
		}
	}

	private static String maven() {
		String home = System.getProperty("maven.home");
		if (home == null || home.isBlank()) {
			return "mvn";
		}
		return Path.of(home, "bin", "mvn").toString();
	}

}
