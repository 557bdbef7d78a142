package dev.qotd.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the cluster tests apply: a copy of {@code k8s/}, exactly as users apply it, and two
 * kustomizations on top of it, written to one directory that is copied into the node as is:
 * <ul>
 * <li>{@code k8s/}: the manifests (without the module's build files);</li>
 * <li>{@code deploy/}: {@code k8s/} with the images pointed at the tag the tests built and
 * imported, and {@code imagePullPolicy: Never}, so that a missing image fails at once
 * ({@code ErrImageNeverPull}) instead of being looked for on Docker Hub;</li>
 * <li>{@code changed-quotes/}: {@code deploy/} with another {@code quotes.txt} in the
 * ConfigMap {@code quotes}, as a user who edits the file and applies again.</li>
 * </ul>
 * @param root the directory that holds the three
 */
record ClusterOverlay(Path root) {

	static final String MANIFESTS = "k8s";

	static final String DEPLOY = "deploy";

	static final String CHANGED_QUOTES = "changed-quotes";

	/** What belongs to the Maven module around the manifests, not to the manifests. */
	private static final Set<String> NOT_MANIFESTS = Set.of("src", "target", "pom.xml");

	/**
	 * Writes the three to {@code root}.
	 * @param services the artifact ids of the images ({@code quote-service}, ...)
	 * @param tag the tag the images were built with
	 * @param changedQuotes the quotes file of {@code changed-quotes/}
	 */
	static ClusterOverlay write(Path root, List<String> services, String tag, String changedQuotes) {
		try {
			FileTrees.deleteRecursively(root);
			FileTrees.copy(Project.manifests(), root.resolve(MANIFESTS), NOT_MANIFESTS);
			write(root.resolve(DEPLOY).resolve("kustomization.yaml"), deployKustomization(services, tag));
			write(root.resolve(CHANGED_QUOTES).resolve("kustomization.yaml"), changedQuotesKustomization());
			write(root.resolve(CHANGED_QUOTES).resolve("quotes.txt"), changedQuotes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the cluster tests' kustomizations to " + root, ex);
		}
		return new ClusterOverlay(root);
	}

	Path deploy() {
		return this.root.resolve(DEPLOY);
	}

	Path changedQuotes() {
		return this.root.resolve(CHANGED_QUOTES);
	}

	private static String deployKustomization(List<String> services, String tag) {
		StringBuilder yaml = new StringBuilder("""
				# k8s/ as users apply it, with the images that the cluster tests built and imported into the node.
				apiVersion: kustomize.config.k8s.io/v1beta1
				kind: Kustomization

				resources:
				- ../%s

				images:
				""".formatted(MANIFESTS));
		for (String service : services) {
			yaml.append("- name: ").append(service).append('\n');
			yaml.append("  newTag: \"").append(tag).append("\"\n");
		}
		yaml.append("""

				# The imported image or nothing: a missing one fails at once instead of being pulled.
				patches:
				- target:
				    kind: Deployment
				  patch: |-
				    - op: add
				      path: /spec/template/spec/containers/0/imagePullPolicy
				      value: Never
				""");
		return yaml.toString();
	}

	private static String changedQuotesKustomization() {
		return """
				# What a user does to change the quotes: edit quotes.txt and apply again. The ConfigMap keeps
				# its name (as in k8s/), so it is updated in place and the pods are not rolled.
				apiVersion: kustomize.config.k8s.io/v1beta1
				kind: Kustomization

				resources:
				- ../%s

				configMapGenerator:
				- name: quotes
				  behavior: replace
				  files:
				  - quotes.txt
				  options:
				    disableNameSuffixHash: true
				""".formatted(DEPLOY);
	}

	private static void write(Path file, String content) throws IOException {
		Files.createDirectories(file.getParent());
		Files.writeString(file, content, StandardCharsets.UTF_8);
	}

}
