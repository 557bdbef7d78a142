package dev.qotd.quote.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;

import org.springframework.util.FileSystemUtils;

/**
 * A directory laid out as the kubelet mounts a ConfigMap volume, and updated as it
 * updates one: each version of the data is written to a new timestamped directory,
 * {@code ..data} is a symlink to the current one, swapped atomically by renaming a new
 * symlink over it, and each key is a symlink {@code key -> ..data/key}.
 */
public final class ConfigMapVolume {

	private static final String DATA = "..data";

	private final Path directory;

	private int version;

	private Set<String> keys = Set.of();

	private ConfigMapVolume(Path directory) {
		this.directory = directory;
	}

	/** Mounts a ConfigMap holding the given keys and values in {@code directory}. */
	public static ConfigMapVolume mount(Path directory, Map<String, byte[]> data) {
		ConfigMapVolume volume = new ConfigMapVolume(directory);
		volume.update(data);
		return volume;
	}

	public static ConfigMapVolume mount(Path directory, String key, String value) {
		return mount(directory, Map.of(key, value.getBytes(StandardCharsets.UTF_8)));
	}

	/** The path an application is given, for instance {@code /etc/quotes/quotes.txt}. */
	public Path file(String key) {
		return this.directory.resolve(key);
	}

	public void update(String key, String value) {
		update(Map.of(key, value.getBytes(StandardCharsets.UTF_8)));
	}

	/** Replaces the whole data of the ConfigMap, as the kubelet does after an update. */
	public void update(Map<String, byte[]> data) {
		try {
			Path previous = Files.isSymbolicLink(this.directory.resolve(DATA))
					? this.directory.resolve(Files.readSymbolicLink(this.directory.resolve(DATA))) : null;
			Path next = this.directory.resolve("..2026_11_28_18_29_03.%09d".formatted(++this.version));
			Files.createDirectories(next);
			for (Map.Entry<String, byte[]> entry : data.entrySet()) {
				Files.write(next.resolve(entry.getKey()), entry.getValue());
			}
			Path newLink = Files.createSymbolicLink(this.directory.resolve("..data_tmp"), next.getFileName());
			Files.move(newLink, this.directory.resolve(DATA), StandardCopyOption.ATOMIC_MOVE);
			for (String key : data.keySet()) {
				Path link = this.directory.resolve(key);
				if (!Files.isSymbolicLink(link)) {
					Files.createSymbolicLink(link, Path.of(DATA, key));
				}
			}
			for (String key : this.keys) {
				if (!data.containsKey(key)) {
					Files.delete(this.directory.resolve(key));
				}
			}
			this.keys = Set.copyOf(data.keySet());
			if (previous != null) {
				FileSystemUtils.deleteRecursively(previous);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
