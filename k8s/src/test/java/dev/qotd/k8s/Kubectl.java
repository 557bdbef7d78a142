package dev.qotd.k8s;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders kustomizations with {@code kubectl kustomize}, the same kustomize that
 * {@code kubectl apply -k} runs. Where kubectl is missing, the calling test is skipped,
 * saying so.
 */
final class Kubectl {

	private Kubectl() {
	}

	/** Renders {@code directory}; skips the calling test where kubectl is not installed. */
	static String kustomize(Path directory) {
		Path kubectl = find().orElse(null);
		assumeTrue(kubectl != null,
				"kubectl is not on the PATH: the manifests are neither rendered nor checked (install kubectl 1.27+)");
		try {
			Path output = Files.createTempFile("kustomize", ".yaml");
			Path errors = Files.createTempFile("kustomize", ".err");
			try {
				Process process = new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString())
					.redirectOutput(output.toFile())
					.redirectError(errors.toFile())
					.start();
				if (!process.waitFor(60, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new AssertionError("kubectl kustomize " + directory + " did not finish within 60 s");
				}
				if (process.exitValue() != 0) {
					throw new AssertionError("kubectl kustomize " + directory + " failed: "
							+ Files.readString(errors, StandardCharsets.UTF_8));
				}
				return Files.readString(output, StandardCharsets.UTF_8);
			}
			finally {
				Files.deleteIfExists(output);
				Files.deleteIfExists(errors);
			}
		}
		catch (IOException ex) {
			throw new AssertionError("Cannot run " + kubectl, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while rendering " + directory, ex);
		}
	}

	static Optional<Path> find() {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String directory : path.split(File.pathSeparator)) {
			if (directory.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(directory, "kubectl");
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

}
