package dev.qotd.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three images as a user builds them for a local cluster: {@code mvn compile
 * jib:buildTar} from the root of the project, with the project's Jib configuration and
 * without a registry, so that they carry the bare names that {@code k8s/} runs
 * ({@code quote-service:<tag>}, ...).
 * @param tag the tag of all three images
 * @param tars the {@code docker load} archive of each service, by artifact id
 */
record ClusterImages(String tag, Map<String, Path> tars) {

	static final List<String> SERVICES = List.of("quote-service", "time-service", "frontend-service");

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Builds the images on a fresh copy of the project in {@code workDirectory}.
	 * @param tag the tag ({@code -Dimage.tag})
	 * @param platform the platform of the nodes, {@code linux/amd64} or {@code linux/arm64}
	 * ({@code -Djib.from.platforms}: Jib picks that variant of the base image)
	 * @param properties further {@code -D} options, for example another {@code image.base}
	 */
	static ClusterImages build(Path workDirectory, String tag, String platform, List<String> properties) {
		ProjectCopy copy = ProjectCopy.freshIn(workDirectory);
		List<String> arguments = new ArrayList<>(List.of("--no-transfer-progress", "-pl", String.join(",", SERVICES),
				"-am", "compile", "jib:buildTar", "-Dimage.tag=" + tag, "-Djib.from.platforms=" + platform,
				"-Djib.disableUpdateChecks=true", "-Djib.console=plain"));
		arguments.addAll(properties);
		copy.maven(Duration.ofMinutes(15), arguments);
		Map<String, Path> tars = new LinkedHashMap<>();
		for (String service : SERVICES) {
			tars.put(service, copy.directory().resolve(service).resolve("target/jib-image.tar"));
		}
		return new ClusterImages(tag, tars);
	}

	/** The name that {@code k8s/} and this build give the image of {@code service}. */
	String reference(String service) {
		return service + ":" + this.tag;
	}

	/** The names an image archive loads as: {@code RepoTags} of its {@code manifest.json}. */
	static List<String> repoTags(Path tar) {
		try (TarArchiveInputStream archive = new TarArchiveInputStream(Files.newInputStream(tar))) {
			TarArchiveEntry entry;
			while ((entry = archive.getNextEntry()) != null) {
				if (entry.getName().equals("manifest.json")) {
					List<String> repoTags = new ArrayList<>();
					JsonNode manifest = json.readTree(archive.readAllBytes());
					manifest.get(0).path("RepoTags").forEach((repoTag) -> repoTags.add(repoTag.asString()));
					return repoTags;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the image archive " + tar, ex);
		}
		throw new AssertionError(tar + " is no docker load archive: it has no manifest.json");
	}

	/**
	 * The name under which containerd ({@code ctr images import}) stores an image that an
	 * archive names {@code reference}, and under which the kubelet looks for the image of a
	 * pod: Docker's normalization, {@code quote-service:1} is
	 * {@code docker.io/library/quote-service:1}.
	 */
	static String containerdName(String reference) {
		String name = reference;
		int slash = name.indexOf('/');
		String first = (slash < 0) ? "" : name.substring(0, slash);
		if (slash < 0) {
			name = "docker.io/library/" + name;
		}
		else if (first.equals("docker.io") && name.indexOf('/', slash + 1) < 0) {
			name = "docker.io/library/" + name.substring(slash + 1);
		}
		else if (!first.contains(".") && !first.contains(":") && !first.equals("localhost")) {
			name = "docker.io/" + name;
		}
		String lastPart = name.substring(name.lastIndexOf('/') + 1);
		if (!lastPart.contains(":") && !lastPart.contains("@")) {
			name = name + ":latest";
		}
		return name;
	}

	/**
	 * The platform to build for, from the architecture that Docker reports for its host
	 * (the k3s node runs there): {@code x86_64} is {@code linux/amd64}, {@code aarch64}
	 * {@code linux/arm64}.
	 */
	static String platformFor(String dockerArchitecture) {
		return switch (dockerArchitecture) {
			case "x86_64", "amd64" -> "linux/amd64";
			case "aarch64", "arm64" -> "linux/arm64";
			default -> throw new IllegalStateException("Docker runs on " + dockerArchitecture
					+ "; the images are built for linux/amd64 and linux/arm64 only (the base image's platforms)");
		};
	}

}
