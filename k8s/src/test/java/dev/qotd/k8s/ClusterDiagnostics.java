package dev.qotd.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a cluster test or its set-up fails, prints what the cluster looks like (objects,
 * events, pod descriptions and logs, k3s's log; see {@link K3sCluster#diagnostics}) after
 * the failure's own message of what was expected and what was found, and writes it to
 * {@code target/k3s-it/diagnostics/}; then lets the failure go on.
 */
final class ClusterDiagnostics implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

	private final Supplier<K3sCluster> cluster;

	private final String namespace;

	private final Path directory;

	ClusterDiagnostics(Supplier<K3sCluster> cluster, String namespace, Path directory) {
		this.cluster = cluster;
		this.namespace = namespace;
		this.directory = directory;
	}

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		report(context, failure);
		throw failure;
	}

	@Override
	public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		report(context, failure);
		throw failure;
	}

	@Override
	public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		report(context, failure);
		throw failure;
	}

	private void report(ExtensionContext context, Throwable failure) {
		K3sCluster cluster = this.cluster.get();
		if (cluster == null || !cluster.isRunning()) {
			return;
		}
		String name = context.getRequiredTestClass().getSimpleName()
				+ context.getTestMethod().map((method) -> "." + method.getName()).orElse("");
		String report = "=== " + name + " failed: " + failure + System.lineSeparator()
				+ "=== The cluster, namespace " + this.namespace + ":" + System.lineSeparator()
				+ cluster.diagnostics(this.namespace);
		System.out.println(report);
		try {
			Files.createDirectories(this.directory);
			Files.writeString(this.directory.resolve(name + ".txt"), report, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			System.out.println("(cannot write the report to " + this.directory + ": " + ex + ")");
		}
	}

}
