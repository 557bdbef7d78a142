package dev.qotd.localrun;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Makes a service start in about half the time, following Spring Boot's recipe for class data
 * sharing ("Efficient deployments"): its jar extracted, since the JVM shares classes only from
 * plain jars on the class path, and an archive of the classes start-up loads, parsed and
 * linked, written by a training run that starts the application and exits once its context is
 * refreshed ({@code -Dspring.context.exit=onRefresh}). On Java 25 and later the archive is an
 * AOT cache (JEP 483, written in one run since JEP 514, with method profiles since JEP 515);
 * before, a dynamic CDS archive.
 * <p>
 * The archive is valid only for the jar, JVM and JVM options it was made with, so it is made
 * again when one of them changes (after each build, in practice), in {@code startup-cache}
 * beside the jar. When it cannot be made, the service starts from its jar as before, slower.
 */
final class StartupCache {

	/** Three JVMs training at once on two busy cores take about 20 s; far longer means stuck. */
	static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(3);

	private static final String STAMP = "stamp";

	private static final String TRAINING_LOG = "training.log";

	private final Service service;

	private final Path jar;

	private final List<String> jvmOptions;

	private final Path directory;

	private final boolean aotCache;

	private String jarDigest;

	StartupCache(Service service, Path jar, List<String> jvmOptions) {
		this(service, jar, jvmOptions, jar.toAbsolutePath().getParent().resolve("startup-cache"),
				Runtime.version().feature() >= 25);
	}

	StartupCache(Service service, Path jar, List<String> jvmOptions, Path directory, boolean aotCache) {
		this.service = service;
		this.jar = jar.toAbsolutePath();
		this.jvmOptions = List.copyOf(jvmOptions);
		this.directory = directory.toAbsolutePath();
		this.aotCache = aotCache;
	}

	/** How the service starts from the cache, or from its jar when there is none. */
	record Launch(List<String> classDataOptions, Path jar) {

		static Launch fromJar(Path jar) {
			return new Launch(List.of(), jar);
		}

		/** What follows the JVM options on the {@code java} command line. */
		List<String> arguments() {
			List<String> arguments = new ArrayList<>(this.classDataOptions);
			arguments.add("-jar");
			arguments.add(this.jar.toString());
			return arguments;
		}

	}

	/** Whether {@link #prepare} will run a training, that is, whether it will take a while. */
	boolean isStale() {
		return !isCurrent();
	}

	/**
	 * Makes the cache unless it is current, and says how to launch the service.
	 * @param warnings where to say why the cache could not be made
	 */
	Launch prepare(Consumer<String> warnings) {
		try {
			Files.createDirectories(this.directory);
			try (FileChannel lockFile = FileChannel.open(this.directory.resolve(".lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
				if (!isCurrent()) {
					make();
				}
				return cachedLaunch();
			}
		}
		catch (IOException | RuntimeException ex) {
			warnings.accept("%s starts without a start-up cache, more slowly: %s".formatted(this.service.module(),
					ex.getMessage()));
			return Launch.fromJar(this.jar);
		}
	}

	Path directory() {
		return this.directory;
	}

	Path archive() {
		return this.directory.resolve(this.aotCache ? "application.aot" : "application.jsa");
	}

	Path extractedJar() {
		return this.directory.resolve("application").resolve(this.service.module() + ".jar");
	}

	private Launch cachedLaunch() {
		String option = this.aotCache ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";
		return new Launch(List.of(option + archive()), extractedJar());
	}

	private boolean isCurrent() {
		Path stamp = this.directory.resolve(STAMP);
		try {
			return Files.isRegularFile(archive()) && Files.isRegularFile(extractedJar()) && Files.isRegularFile(stamp)
					&& Files.readString(stamp, StandardCharsets.UTF_8).equals(key());
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** What the archive depends on: the jar as built, the JVM and the options it runs with. */
	private String key() throws IOException {
		return String.join("\n", "jar=" + this.jar, "sha256=" + jarDigest(), "java.home=" + ServiceProcess.javaHome(),
				"java.version=" + Runtime.version(), "options=" + String.join(" ", this.jvmOptions), "");
	}

	/**
	 * The jar's content, not its size and time: a reproducible build gives every jar the same
	 * time, and a small change often the same size.
	 */
	private String jarDigest() throws IOException {
		if (this.jarDigest == null) {
			try (DigestInputStream content = new DigestInputStream(Files.newInputStream(this.jar),
					MessageDigest.getInstance("SHA-256"))) {
				content.transferTo(OutputStream.nullOutputStream());
				this.jarDigest = HexFormat.of().formatHex(content.getMessageDigest().digest());
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("Every JVM has SHA-256", ex);
			}
		}
		return this.jarDigest;
	}

	private void make() throws IOException {
		deleteAllBut(".lock");
		Path log = this.directory.resolve(TRAINING_LOG);
		run("extracting " + this.jar.getFileName(), log, List.of("-Djarmode=tools", "-jar", this.jar.toString(), "extract",
				"--destination", extractedJar().getParent().toString(), "--application-filename",
				extractedJar().getFileName().toString()));
		List<String> training = new ArrayList<>(this.jvmOptions);
		training.add((this.aotCache ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + archive());
		training.add("-Dspring.context.exit=onRefresh");
		training.add("-jar");
		training.add(extractedJar().toString());
		run("the training run", log, training);
		if (!Files.isRegularFile(archive())) {
			throw new TrainingFailedException("the training run wrote no %s (see %s)".formatted(archive().getFileName(), log));
		}
		Files.writeString(this.directory.resolve(STAMP), key(), StandardCharsets.UTF_8);
	}

	private void run(String step, Path log, List<String> arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ServiceProcess.javaExecutable().toString());
		command.addAll(arguments);
		Process process = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		try {
			if (!process.waitFor(TRAINING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new TrainingFailedException(
						"%s took over %d s (see %s)".formatted(step, TRAINING_TIMEOUT.toSeconds(), log));
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new TrainingFailedException("interrupted during " + step);
		}
		if (process.exitValue() != 0) {
			throw new TrainingFailedException("%s ended with status %d (see %s)".formatted(step, process.exitValue(), log));
		}
	}

	private void deleteAllBut(String kept) throws IOException {
		try (Stream<Path> files = Files.walk(this.directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				if (!file.equals(this.directory) && !file.getFileName().toString().equals(kept)) {
					Files.delete(file);
				}
			}
		}
	}

	private static final class TrainingFailedException extends RuntimeException {

		TrainingFailedException(String message) {
			super(message);
		}

	}

}
