package dev.qotd.localrun;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up cache, made from the packaged quote-service jar by a real training run. */
class StartupCacheIT {

	private static final List<String> JVM_OPTIONS = LocalApp.Builder.defaultJvmOptions();

	private final boolean aotCache = Runtime.version().feature() >= 25;

	private final List<String> warnings = new ArrayList<>();

	@TempDir
	Path work;

	@Test
	void isMadeOnceAndTheServiceStartsWithTheArchiveRequired() throws Exception {
		StartupCache cache = cacheOf(quoteJarCopy(), JVM_OPTIONS);
		assertThat(cache.isStale()).isTrue();

		StartupCache.Launch launch = cache.prepare(this.warnings::add);

		assertThat(this.warnings).isEmpty();
		assertThat(launch.jar()).isEqualTo(cache.extractedJar()).isRegularFile();
		assertThat(cache.extractedJar().resolveSibling("lib")).isDirectoryContaining("glob:**/spring-core-*.jar");
		assertThat(launch.classDataOptions()).containsExactly(
				(this.aotCache ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache.archive());
		FileTime made = Files.getLastModifiedTime(cache.archive());
		assertThat(cache.isStale()).isFalse();
		assertThat(cache.prepare(this.warnings::add)).isEqualTo(launch);
		assertThat(Files.getLastModifiedTime(cache.archive())).as("not made again").isEqualTo(made);

		// With the archive required, the JVM refuses to start if it cannot use it.
		List<String> archiveRequired = new ArrayList<>(JVM_OPTIONS);
		archiveRequired.add(this.aotCache ? "-XX:AOTMode=on" : "-Xshare:on");
		int port = Ports.free().of(Service.QUOTE);
		ServiceProcess quote = ServiceProcess.start(Service.QUOTE, launch, port, archiveRequired,
				Map.of("SERVER_PORT", String.valueOf(port), "SERVER_ADDRESS", "127.0.0.1"), this.work.resolve("logs"));
		try {
			quote.awaitReady(LocalApp.START_TIMEOUT);
		}
		finally {
			quote.stop(LocalApp.STOP_GRACE);
		}
	}

	@Test
	void isMadeAgainForAnotherBuildOfTheJarOrOtherJvmOptions() throws Exception {
		Path jar = quoteJarCopy();
		StartupCache cache = cacheOf(jar, JVM_OPTIONS);
		cache.prepare(this.warnings::add);
		FileTime made = Files.getLastModifiedTime(cache.archive());

		List<String> otherOptions = new ArrayList<>(JVM_OPTIONS);
		otherOptions.add("-Xss512k");
		assertThat(cacheOf(jar, otherOptions).isStale()).isTrue();

		rebuildWithTheSameSizeAndTime(jar);
		StartupCache rebuilt = cacheOf(jar, JVM_OPTIONS);
		assertThat(rebuilt.isStale()).isTrue();
		StartupCache.Launch launch = rebuilt.prepare(this.warnings::add);

		assertThat(this.warnings).isEmpty();
		assertThat(launch.classDataOptions()).isNotEmpty();
		assertThat(Files.getLastModifiedTime(rebuilt.archive())).isNotEqualTo(made);
		assertThat(rebuilt.isStale()).isFalse();
	}

	@Test
	void whenNoneCanBeMadeTheServiceStartsFromItsJarAndTheWarningSaysWhy() throws IOException {
		Path notAJar = Files.writeString(this.work.resolve("quote-service-broken.jar"), "not a jar");
		StartupCache cache = cacheOf(notAJar, JVM_OPTIONS);

		StartupCache.Launch launch = cache.prepare(this.warnings::add);

		assertThat(launch).isEqualTo(StartupCache.Launch.fromJar(notAJar.toAbsolutePath()));
		assertThat(launch.arguments()).containsExactly("-jar", notAJar.toAbsolutePath().toString());
		assertThat(this.warnings).singleElement()
			.asString()
			.contains("quote-service starts without a start-up cache", "extracting quote-service-broken.jar",
					"ended with status 1", cache.directory().resolve("training.log").toString());
		assertThat(cache.isStale()).as("tried again next time").isTrue();
	}

	private StartupCache cacheOf(Path jar, List<String> jvmOptions) {
		return new StartupCache(Service.QUOTE, jar, jvmOptions, this.work.resolve("startup-cache"), this.aotCache);
	}

	/**
	 * What a reproducible build does to a jar for a one-letter change: another content, often
	 * of the same size, and the same time. Here: the time of the first entry in the jar's
	 * central directory, two seconds off (the resolution of zip times).
	 */
	private static void rebuildWithTheSameSizeAndTime(Path jar) throws IOException {
		FileTime time = Files.getLastModifiedTime(jar);
		byte[] bytes = Files.readAllBytes(jar);
		ByteBuffer zip = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		int endOfCentralDirectory = bytes.length - 22;
		assertThat(zip.getInt(endOfCentralDirectory)).as("a jar without a comment").isEqualTo(0x06054b50);
		int firstEntry = zip.getInt(endOfCentralDirectory + 16);
		assertThat(zip.getInt(firstEntry)).as("a central directory entry").isEqualTo(0x02014b50);
		zip.putShort(firstEntry + 12, (short) (zip.getShort(firstEntry + 12) ^ 1));
		Files.write(jar, bytes);
		Files.setLastModifiedTime(jar, time);
		try (JarFile rebuilt = new JarFile(jar.toFile())) {
			assertThat(rebuilt.stream().count()).as("still a jar").isPositive();
		}
	}

	/** A copy, so that changing it does not touch the jar the other tests run. */
	private Path quoteJarCopy() throws IOException {
		Path projectDir = Path.of(System.getProperty("qotd.project-dir", ".."));
		Path jar = ServiceJars.locate(projectDir, Service.QUOTE);
		return Files.copy(jar, this.work.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
	}

}
