package dev.qotd.k8s;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An image as {@code jib:buildTar} writes it (a {@code docker load} archive): its names,
 * its configuration, and the files of its layers.
 * @param repoTags the names the image is loaded as
 * @param config the image configuration ({@code config.json})
 * @param files every file and directory of the layers, by path (a directory's ends with a slash), with its time
 * @param contents the contents of the files that the reader was asked to keep
 */
record ImageTar(List<String> repoTags, JsonNode config, Map<String, Instant> files, Map<String, byte[]> contents) {

	private static final JsonMapper json = JsonMapper.builder().build();

	static ImageTar read(Path tar, Predicate<String> keep) {
		List<String> repoTags = new ArrayList<>();
		JsonNode config = null;
		Map<String, Instant> files = new LinkedHashMap<>();
		Map<String, byte[]> contents = new LinkedHashMap<>();
		try (TarArchiveInputStream archive = new TarArchiveInputStream(Files.newInputStream(tar))) {
			TarArchiveEntry entry;
			while ((entry = archive.getNextEntry()) != null) {
				if (entry.getName().equals("manifest.json")) {
					json.readTree(archive.readAllBytes()).get(0).get("RepoTags").forEach((tag) -> repoTags.add(tag.asString()));
				}
				else if (entry.getName().equals("config.json")) {
					config = json.readTree(archive.readAllBytes());
				}
				else if (entry.getName().endsWith(".tar.gz")) {
					readLayer(unclosable(archive), keep, files, contents);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the image " + tar, ex);
		}
		if (config == null || repoTags.isEmpty()) {
			throw new IllegalStateException(tar + " is no image archive: no config.json or no manifest.json");
		}
		return new ImageTar(List.copyOf(repoTags), config, files, contents);
	}

	private static void readLayer(InputStream layer, Predicate<String> keep, Map<String, Instant> files,
			Map<String, byte[]> contents) throws IOException {
		try (TarArchiveInputStream entries = new TarArchiveInputStream(new GZIPInputStream(layer))) {
			TarArchiveEntry entry;
			while ((entry = entries.getNextEntry()) != null) {
				String path = entry.getName();
				files.put(path, entry.getModTime().toInstant());
				if (entry.isFile() && keep.test(path)) {
					contents.put(path, entries.readAllBytes());
				}
			}
		}
	}

	/** The archive's current entry, which the layer's reader must not close. */
	private static InputStream unclosable(InputStream archive) {
		return new FilterInputStream(archive) {

			@Override
			public void close() {
			}

		};
	}

	JsonNode containerConfig() {
		return this.config.get("config");
	}

	List<String> entrypoint() {
		List<String> entrypoint = new ArrayList<>();
		containerConfig().get("Entrypoint").forEach((argument) -> entrypoint.add(argument.asString()));
		return entrypoint;
	}

	String content(String path) {
		byte[] content = this.contents.get(path);
		if (content == null) {
			throw new AssertionError("The image has no file " + path);
		}
		return new String(content, StandardCharsets.UTF_8);
	}

}
