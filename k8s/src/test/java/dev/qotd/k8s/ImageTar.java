package dev.qotd.k8s;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * An image as {@code jib:buildTar} writes it (a {@code docker load} archive): the names it
 * loads as, its configuration, every file and directory of its layers (a directory's path ends
 * with a slash) with its time, and the contents of the files the reader was asked to keep.
 */
record ImageTar(List<String> repoTags, ObjectNode config, Map<String, Instant> files, Map<String, byte[]> contents) {

	private static final JsonMapper json = JsonMapper.builder().build();

	static ImageTar read(Path tar, Predicate<String> keep) {
		ImageTar image = new ImageTar(new ArrayList<>(), json.createObjectNode(), new LinkedHashMap<>(), new LinkedHashMap<>());
		try (TarArchiveInputStream archive = new TarArchiveInputStream(Files.newInputStream(tar))) {
			for (TarArchiveEntry entry = archive.getNextEntry(); entry != null; entry = archive.getNextEntry()) {
				if (entry.getName().equals("manifest.json")) {
					json.readTree(archive.readAllBytes()).get(0).get("RepoTags").forEach((tag) -> image.repoTags().add(tag.asString()));
				}
				else if (entry.getName().equals("config.json")) {
					image.config().setAll((ObjectNode) json.readTree(archive.readAllBytes()));
				}
				else if (entry.getName().endsWith(".tar.gz")) {
					// The layer is the archive's current entry, which the layer's reader must not close.
					try (TarArchiveInputStream layer = new TarArchiveInputStream(new GZIPInputStream(new FilterInputStream(archive) {

						@Override
						public void close() {
						}

					}))) {
						for (TarArchiveEntry file = layer.getNextEntry(); file != null; file = layer.getNextEntry()) {
							image.files().put(file.getName(), file.getModTime().toInstant());
							if (file.isFile() && keep.test(file.getName())) {
								image.contents().put(file.getName(), layer.readAllBytes());
							}
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the image " + tar, ex);
		}
		if (image.config().isEmpty() || image.repoTags().isEmpty()) {
			throw new IllegalStateException(tar + " is no image archive: no config.json or no manifest.json");
		}
		return image;
	}

	JsonNode containerConfig() {
		return this.config.get("config");
	}

	List<String> entrypoint() {
		return containerConfig().get("Entrypoint").valueStream().map(JsonNode::asString).toList();
	}

}
