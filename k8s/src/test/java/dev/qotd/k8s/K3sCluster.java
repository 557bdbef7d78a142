package dev.qotd.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.github.dockerjava.api.command.SaveImagesCmd;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.ExecConfig;
import org.testcontainers.images.RemoteDockerImage;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * A one-node k3s cluster in Docker (Testcontainers' {@link K3sContainer}), driven with the
 * {@code kubectl}, {@code ctr} and {@code crictl} that k3s ships, inside the container: what a
 * user types on a k3s node, no kubeconfig on the host, kubectl's own waits.
 * <p>
 * The node never pulls. The host's Docker pulls what k3s needs (pause, CoreDNS) and the tests'
 * curl, with the host's Docker Hub login if any, into an archive that k3s imports at start
 * ({@code agent/images}); the app's images are imported as users do ({@code ctr images import}).
 * {@code registries.yaml} sends Docker Hub pulls to a closed port and
 * {@code --disable-default-registry-endpoint} stops the fallback to Docker Hub: an image not
 * imported fails at once, named, instead of an anonymous pull against the runner's rate limit.
 * Testcontainers removes the container when the JVM ends.
 */
final class K3sCluster {

	static final int NODE_PORT = 31080;

	private static final String CONTAINERD = "/run/k3s/containerd/containerd.sock";

	private final K3sContainer container;

	/** The images the node was given, as containerd names them. */
	private final Set<String> imported = new TreeSet<>();

	/** Pulls and saves {@code systemImages} on the host, into {@code workDirectory}; prepares k3s. */
	K3sCluster(String k3sImage, Collection<String> systemImages, Path workDirectory) throws IOException {
		Path archive = Files.createDirectories(workDirectory).resolve("system-images.tar");
		SaveImagesCmd save = DockerClientFactory.instance().client().saveImagesCmd();
		for (String image : systemImages) {
			DockerImageName name = DockerImageName.parse(new RemoteDockerImage(DockerImageName.parse(image)).get());
			save.withImage(name.getUnversionedPart(), name.getVersionPart());
			this.imported.add(containerdName(image));
		}
		try (InputStream saved = save.exec()) {
			Files.copy(saved, archive, StandardCopyOption.REPLACE_EXISTING);
		}
		this.container = new K3sContainer(DockerImageName.parse(k3sImage))
			// The API server's port, through which K3sContainer reads its kubeconfig, and the NodePort.
			.withExposedPorts(K3sContainer.KUBE_SECURE_PORT, NODE_PORT)
			.withCopyFileToContainer(MountableFile.forHostPath(archive), "/var/lib/rancher/k3s/agent/images/qotd.tar")
			.withCopyToContainer(Transferable.of("mirrors:\n  docker.io:\n    endpoint:\n    - http://127.0.0.1:1\n"),
					"/etc/rancher/k3s/registries.yaml")
			// The packaged components the app does not use are left out, with their images; the
			// network policy controller stays on, as it is by default. The kubelet must never
			// collect the imported images, whatever the free disk: they cannot be pulled.
			.withCommand("server", "--disable=traefik", "--disable=metrics-server", "--disable=servicelb",
					"--disable=local-storage", "--disable-helm-controller", "--disable-default-registry-endpoint",
					"--kubelet-arg=image-gc-high-threshold=100")
			.withStartupTimeout(Duration.ofMinutes(4));
	}

	/** Starts k3s; waits, for at most {@code timeout} each, until its node is ready and its DNS runs. */
	void start(Duration timeout) {
		this.container.start();
		kubectl("wait", "--for=condition=Ready", "node", "--all", "--timeout=" + timeout.toSeconds() + "s");
		// Pods of one node reach a ClusterIP only if bridged traffic passes through iptables: the
		// host's br_netfilter module, which k3s in a container cannot load.
		Result bridge = exec("cat", "/proc/sys/net/bridge/bridge-nf-call-iptables");
		if (!bridge.stdout().strip().equals("1")) {
			throw new AssertionError("Bridged traffic bypasses iptables in the k3s container (" + bridge
					+ "), so no call between pods could reach a ClusterIP. Load the Docker host's br_netfilter"
					+ " module ('sudo modprobe br_netfilter'; Docker 27.3 and later no longer load it), run again.");
		}
		kubectl("-n", "kube-system", "wait", "--for=create", "deployment/coredns", "--timeout=" + timeout.toSeconds() + "s");
		try {
			kubectl("-n", "kube-system", "rollout", "status", "deployment/coredns", "--timeout=" + timeout.toSeconds() + "s");
		}
		finally {
			requireOnlyImportedImages();
		}
	}

	/** Fails, naming them, when pods want or containerd holds images the node was not given (events name the pause image). */
	void requireOnlyImportedImages() {
		Set<String> wanted = new TreeSet<>();
		words(kubectl("get", "pods", "--all-namespaces", "-o",
				"jsonpath={.items[*].spec['containers','initContainers','ephemeralContainers'][*].image}"))
			.forEach((image) -> wanted.add(containerdName(image)));
		Set<String> present = new TreeSet<>(words(run("ctr", "--address", CONTAINERD, "-n", "k8s.io", "images", "ls", "-q")));
		present.removeIf((name) -> name.startsWith("sha256:"));
		wanted.addAll(present);
		wanted.removeAll(this.imported);
		if (!wanted.isEmpty()) {
			throw new AssertionError("Images the node was not given: " + wanted + " (given: " + this.imported
					+ "). k3s warned: " + kubectl("get", "events", "--all-namespaces", "--field-selector=type=Warning",
							"-o", "jsonpath={.items[*].message}")
					+ "\nPin what k3s wants (pause, CoreDNS) in k8s/src/test/resources/k3s/Dockerfile.");
		}
	}

	/** Imports image archives, by the image each holds, as {@code k3s ctr images import} does. */
	void importImages(Map<String, Path> archives) {
		archives.forEach((image, archive) -> {
			String copy = "/qotd/images/" + image.replace(':', '_') + ".tar";
			this.container.copyFileToContainer(MountableFile.forHostPath(archive), copy);
			run("ctr", "--address", CONTAINERD, "-n", "k8s.io", "images", "import", copy);
			this.imported.add(containerdName(image));
			// The kubelet sees it through the CRI, which learns of an import from an event a moment later.
			for (int i = 0; i < 10 && exec("crictl", "inspecti", containerdName(image)).exitCode() != 0; i++) {
				sleep(Duration.ofSeconds(1));
			}
			run("crictl", "inspecti", containerdName(image));
		});
	}

	/** The name containerd stores an image under: {@code quote-service:1} is {@code docker.io/library/quote-service:1}. */
	static String containerdName(String image) {
		String first = image.contains("/") ? image.substring(0, image.indexOf('/')) : "";
		if (first.isEmpty()) {
			return "docker.io/library/" + image;
		}
		return (first.contains(".") || first.contains(":") || first.equals("localhost")) ? image : "docker.io/" + image;
	}

	void copy(Transferable content, String path) {
		this.container.copyFileToContainer(content, path);
	}

	void copy(Path hostPath, String path) {
		this.container.copyFileToContainer(MountableFile.forHostPath(hostPath), path);
	}

	/** The frontend's NodePort as the host reaches it. */
	URI nodePort() {
		return URI.create("http://" + this.container.getHost() + ":" + this.container.getMappedPort(NODE_PORT) + "/");
	}

	/** Runs {@code kubectl} in the node; fails, saying what it printed, unless it succeeds. */
	String kubectl(String... arguments) {
		return run(Stream.concat(Stream.of("kubectl"), Stream.of(arguments)).toArray(String[]::new));
	}

	String run(String... command) {
		Result result = exec(command);
		if (result.exitCode() != 0) {
			throw new AssertionError("'" + String.join(" ", command) + "' failed: " + result);
		}
		return result.stdout();
	}

	/** Runs a command in the node, whatever its outcome. */
	Result exec(String... command) {
		try {
			Container.ExecResult result = this.container.execInContainer(ExecConfig.builder()
				.command(command)
				.envVars(Map.of("KUBECONFIG", "/etc/rancher/k3s/k3s.yaml"))
				.build());
			return new Result(result.getExitCode(), result.getStdout(), result.getStderr());
		}
		catch (IOException | InterruptedException ex) {
			throw new AssertionError("Cannot run '" + String.join(" ", command) + "' in the k3s container", ex);
		}
	}

	/** The last {@code limit} lines of k3s's own log that match {@code pattern}. */
	List<String> log(String pattern, int limit) {
		Pattern wanted = Pattern.compile(pattern);
		List<String> lines = this.container.getLogs().lines().filter((line) -> wanted.matcher(line).find()).toList();
		return lines.subList(Math.max(0, lines.size() - limit), lines.size());
	}

	/** What a person needs when a check fails: objects, events, pods, logs, images, and k3s's log. */
	String diagnostics(String namespace) {
		StringBuilder report = new StringBuilder();
		for (String command : List.of("kubectl get nodes,pods --all-namespaces -o wide",
				"kubectl -n NS get all,endpointslices,networkpolicies,configmaps,poddisruptionbudgets -o wide",
				"kubectl get events --all-namespaces --sort-by=.lastTimestamp", "kubectl -n NS describe pods",
				"kubectl -n NS logs --selector=app --all-containers --prefix --tail=200 --max-log-requests=10",
				"ctr --address " + CONTAINERD + " -n k8s.io images ls -q")) {
			Result result = exec(command.replace("NS", namespace).split(" "));
			report.append("$ ").append(command).append('\n').append(result.stdout()).append(result.stderr()).append('\n');
		}
		report.append("$ k3s log: network policy lines, then the last lines\n");
		log("netpol|network policy|NetworkPolicy|ipset", 40).forEach((line) -> report.append(line).append('\n'));
		log("", 60).forEach((line) -> report.append(line).append('\n'));
		return report.toString();
	}

	boolean isRunning() {
		return this.container.isRunning();
	}

	static List<String> words(String text) {
		return Arrays.stream(text.strip().split("\\s+")).filter((word) -> !word.isEmpty()).toList();
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

	/** What a command in the node did. */
	record Result(int exitCode, String stdout, String stderr) {

	}

}
