package dev.qotd.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.ExecConfig;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * A one-node k3s cluster in a Docker container (Testcontainers' {@link K3sContainer}),
 * driven with the {@code kubectl} and {@code ctr} that k3s ships, inside the container:
 * the same commands a user types on a k3s node, no kubeconfig or TLS set-up on the host,
 * and {@code kubectl}'s own waits ({@code wait}, {@code rollout status}), each bounded by
 * its {@code --timeout}.
 */
final class K3sCluster implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(K3sCluster.class);

	/**
	 * k3s with Kubernetes 1.35, the default of k3d 5.9: the manifests' native {@code sleep}
	 * preStop action needs Kubernetes 1.30 or later, these tests' {@code kubectl wait
	 * --for=create} 1.31 or later.
	 */
	static final String DEFAULT_IMAGE = "rancher/k3s:v1.35.5-k3s1";

	/** {@code -Dk3s.image=rancher/k3s:<tag>} runs the tests on another k3s. */
	static final String IMAGE_PROPERTY = "k3s.image";

	static final int NODE_PORT = 31080;

	/** Where files for the cluster go in the node. */
	static final String WORK_DIRECTORY = "/qotd";

	private static final String KUBECONFIG = "/etc/rancher/k3s/k3s.yaml";

	private static final String CONTAINERD = "/run/k3s/containerd/containerd.sock";

	private final K3sContainer container;

	K3sCluster(String image) {
		this.container = new K3sContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("rancher/k3s"))
			// Replaces K3sContainer's ports (6443, 8443): the API server's, which K3sContainer
			// needs to write its kubeconfig, and the app's NodePort.
			.withExposedPorts(K3sContainer.KUBE_SECURE_PORT, NODE_PORT)
			// The packaged components the app does not use are left out; the network policy
			// controller stays on, as it is by default.
			// Replaces K3sContainer's command (and its --tls-san): this suite talks to the API
			// server through kubectl inside the node only. The kubelet must never collect the
			// imported images, whatever the runner's free disk: they cannot be pulled again.
			.withCommand("server", "--disable=traefik", "--disable=metrics-server", "--disable=servicelb",
					"--disable=local-storage", "--kubelet-arg=image-gc-high-threshold=100")
			.withStartupTimeout(Duration.ofMinutes(4));
	}

	/** The k3s image to run: {@code -Dk3s.image}, or {@link #DEFAULT_IMAGE}. */
	static String image() {
		String image = System.getProperty(IMAGE_PROPERTY, "");
		return image.isBlank() ? DEFAULT_IMAGE : image.strip();
	}

	/** Starts k3s and waits until its node is ready and its DNS answers. */
	void start() {
		logger.info("Starting {}", this.container.getDockerImageName());
		this.container.start();
		kubectl("wait", "--for=condition=Ready", "node", "--all", "--timeout=180s");
		requireBridgeNetfilter();
		kubectl("--namespace=kube-system", "wait", "--for=create", "deployment/coredns", "--timeout=180s");
		kubectl("--namespace=kube-system", "rollout", "status", "deployment/coredns", "--timeout=300s");
		logger.info("k3s is up: {}", kubectl("get", "nodes", "-o", "wide").strip().replace('\n', ';'));
	}

	/** What k3s writes when it can make bridged traffic pass through iptables. */
	static final String BRIDGE_NETFILTER = "/proc/sys/net/bridge/bridge-nf-call-iptables";

	/**
	 * Fails at once, saying what to do, unless the host kernel has the br_netfilter module.
	 * Calls between pods of the one node cross a Linux bridge, and kube-proxy translates a
	 * ClusterIP only for bridged traffic that passes through iptables, which needs that
	 * module. k3s in a container cannot load it (it sets the sysctl when the module is
	 * there), and Docker no longer loads it from version 27.3; without it the frontend's
	 * calls to quote-svc would time out, and each test fail for a reason far from the cause.
	 */
	private void requireBridgeNetfilter() {
		Result sysctl = exec("cat", BRIDGE_NETFILTER);
		if (sysctl.exitCode() != 0 || !sysctl.stdout().strip().equals("1")) {
			throw new AssertionError("Bridged traffic bypasses iptables in the k3s container (" + BRIDGE_NETFILTER
					+ ": " + ((sysctl.exitCode() != 0) ? sysctl.stderr().strip() : sysctl.stdout().strip())
					+ "), so no call between pods could reach a ClusterIP. Load the Docker host's br_netfilter kernel"
					+ " module ('sudo modprobe br_netfilter'; Docker 27.3 and later no longer load it) and run again."
					+ " k3s logged: " + String.join("\n", log("bridge-nf-call|br_netfilter", 5)));
		}
	}

	boolean isRunning() {
		return this.container.isRunning();
	}

	/**
	 * Copies the image archives into the node and imports them into containerd's
	 * {@code k8s.io} namespace, where the kubelet finds them, as {@code k3s ctr images
	 * import} does on a k3s node; then checks that they are there under the names the
	 * manifests use.
	 */
	void importImages(ClusterImages images) {
		for (Map.Entry<String, Path> image : images.tars().entrySet()) {
			String archive = WORK_DIRECTORY + "/images/" + image.getKey() + ".tar";
			this.container.copyFileToContainer(MountableFile.forHostPath(image.getValue()), archive);
			run("ctr", "--address", CONTAINERD, "--namespace", "k8s.io", "images", "import", archive);
		}
		String listed = run("ctr", "--address", CONTAINERD, "--namespace", "k8s.io", "images", "list", "--quiet");
		List<String> imported = Arrays.asList(listed.strip().split("\\s+"));
		for (String service : images.tars().keySet()) {
			String name = ClusterImages.containerdName(images.reference(service));
			if (!imported.contains(name)) {
				throw new AssertionError("After ctr images import, containerd has no image " + name + "; it has "
						+ imported);
			}
			// What the kubelet sees, through the CRI (containerd 1.7's import could miss it),
			// which learns of an import from an event a moment later.
			awaitCriImage(name);
		}
	}

	private void awaitCriImage(String name) {
		for (int attempt = 1; attempt < 10 && exec("crictl", "inspecti", name).exitCode() != 0; attempt++) {
			try {
				Thread.sleep(1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for the image " + name, ex);
			}
		}
		run("crictl", "inspecti", name);
	}

	/** Copies a file or a directory of the host to {@code path} in the node. */
	void copy(Path hostPath, String path) {
		this.container.copyFileToContainer(MountableFile.forHostPath(hostPath), path);
	}

	/** The frontend's NodePort as the host reaches it. */
	URI nodePort() {
		return URI.create("http://" + this.container.getHost() + ":" + this.container.getMappedPort(NODE_PORT) + "/");
	}

	/**
	 * Runs {@code kubectl} in the node.
	 * @return its output
	 * @throws AssertionError naming the command, its exit code and its errors, when it fails
	 */
	String kubectl(String... arguments) {
		String[] command = new String[arguments.length + 1];
		command[0] = "kubectl";
		System.arraycopy(arguments, 0, command, 1, arguments.length);
		return run(command);
	}

	/** Runs a command in the node; fails, saying what it printed, unless it succeeds. */
	String run(String... command) {
		Result result = exec(command);
		if (result.exitCode() != 0) {
			throw new AssertionError("'" + String.join(" ", command) + "' failed with exit code " + result.exitCode()
					+ ":\n" + result.stderr().strip()
					+ (result.stdout().isBlank() ? "" : "\n" + result.stdout().strip()));
		}
		return result.stdout();
	}

	/** Runs a command in the node, whatever its outcome. */
	Result exec(String... command) {
		try {
			Container.ExecResult result = this.container.execInContainer(
					ExecConfig.builder().command(command).envVars(Map.of("KUBECONFIG", KUBECONFIG)).build());
			return new Result(result.getExitCode(), result.getStdout(), result.getStderr());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run '" + String.join(" ", command) + "' in the k3s container", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running '" + String.join(" ", command) + "'", ex);
		}
	}

	/**
	 * The lines of k3s's own log that match {@code pattern} (a regular expression), at
	 * most the last {@code limit}.
	 */
	List<String> log(String pattern, int limit) {
		Pattern wanted = Pattern.compile(pattern);
		List<String> lines = this.container.getLogs().lines().filter((line) -> wanted.matcher(line).find()).toList();
		return lines.subList(Math.max(0, lines.size() - limit), lines.size());
	}

	/**
	 * What a person needs to see when a check fails: the objects of {@code namespace}, its
	 * events and pods (described, with their logs), the nodes, the system pods, the images
	 * in containerd and the end of k3s's log.
	 */
	String diagnostics(String namespace) {
		StringBuilder diagnostics = new StringBuilder();
		String ns = "--namespace=" + namespace;
		describe(diagnostics, "kubectl", "get", "nodes", "-o", "wide");
		describe(diagnostics, "kubectl", ns, "get", "all,endpointslices,networkpolicies,configmaps,poddisruptionbudgets",
				"-o", "wide");
		describe(diagnostics, "kubectl", ns, "get", "events", "--sort-by=.lastTimestamp");
		describe(diagnostics, "kubectl", ns, "describe", "pods");
		for (String app : List.of("quote", "time", "frontend")) {
			describe(diagnostics, "kubectl", ns, "logs", "--selector=app=" + app, "--all-containers", "--prefix",
					"--tail=200", "--max-log-requests=10");
		}
		describe(diagnostics, "kubectl", "--namespace=kube-system", "get", "pods", "-o", "wide");
		describe(diagnostics, "ctr", "--address", CONTAINERD, "--namespace", "k8s.io", "images", "list", "--quiet");
		diagnostics.append("$ k3s log: network policy lines and the last lines\n");
		log("netpol|network policy|NetworkPolicy|ipset", 40).forEach((line) -> diagnostics.append(line).append('\n'));
		diagnostics.append("...\n");
		log("", 60).forEach((line) -> diagnostics.append(line).append('\n'));
		return diagnostics.toString();
	}

	private void describe(StringBuilder diagnostics, String... command) {
		diagnostics.append("$ ").append(String.join(" ", command)).append('\n');
		try {
			Result result = exec(command);
			diagnostics.append(result.stdout());
			if (!result.stderr().isBlank()) {
				diagnostics.append(result.stderr());
			}
		}
		catch (RuntimeException ex) {
			diagnostics.append("(cannot run it: ").append(ex.getMessage()).append(")\n");
		}
		diagnostics.append('\n');
	}

	@Override
	public void close() {
		this.container.stop();
	}

	/**
	 * What a command in the node did.
	 * @param exitCode its exit code
	 * @param stdout what it printed
	 * @param stderr what it printed as errors
	 */
	record Result(int exitCode, String stdout, String stderr) {

	}

}
