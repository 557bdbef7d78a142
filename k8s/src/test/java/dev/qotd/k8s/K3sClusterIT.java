package dev.qotd.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.github.dockerjava.api.command.SaveImagesCmd;
import com.github.dockerjava.api.model.Info;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.ExecConfig;
import org.testcontainers.images.RemoteDockerImage;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The app on a one-node k3s in Docker (Testcontainers' {@link K3sContainer}), driven with the
 * kubectl, ctr and sh inside it, as on a k3s node. The node never pulls: the host's Docker
 * pulls (with its Docker Hub login, if any) pause and curl into an archive that k3s imports at
 * start, then the CoreDNS that k3s's own Deployment names, imported at once; a
 * {@code registries.yaml} mirror on a closed port with {@code --disable-default-registry-endpoint}
 * fails any other image at once, named, instead of an anonymous pull. The app's images are built and imported as users do, {@code k8s/} is applied as
 * users apply it. The walkthrough's steps run on {@code k8s/} as it is, the other tests on the app
 * with its policies: (a) the two lines on the NodePort, (b) both quote pods answering, (c) the
 * ClusterIP, (d) the policies both ways, (e, f) no failed request through a pod deletion,
 * restarts and evictions, (g) a changed quotes file served without a restart. Every wait is
 * bounded by what is left of the time budget ({@code -Dk3s.budget}, minutes), so that the suite
 * fails, with its diagnostics, before CI gives up; JUnit's timeouts only catch a hung command.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class K3sClusterIT {

	private static final String NAMESPACE = "qotd";

	private static final Path WORK = Path.of("target/k3s-it").toAbsolutePath();

	private static final Duration BUDGET = Duration.ofMinutes(Long.getLong("k3s.budget", 30));

	/** containerd's command line, on k3s's socket, in the namespace where the kubelet finds images. */
	private static final String[] CTR = { "ctr", "--address", "/run/k3s/containerd/containerd.sock", "-n", "k8s.io" };

	private static final String CHANGED_QUOTE = "Proved on k3s: a changed ConfigMap is served without a restart.";

	private static final JsonMapper json = JsonMapper.builder().build();

	/** The suite's images by their names in the pins: k3s, pause, curl. */
	private static final Map<String, String> pins = new LinkedHashMap<>();

	/** The images the node was given, as containerd names them. */
	private static final Set<String> imported = new TreeSet<>();

	private static Instant deadline = Instant.now().plus(BUDGET);

	private static K3sContainer k3s;

	/** Prints the cluster's state after a failed test's own message. */
	@RegisterExtension
	static final TestWatcher diagnostics = new TestWatcher() {

		@Override
		public void testFailed(ExtensionContext context, Throwable failure) {
			diagnose(context.getRequiredTestMethod().getName(), failure);
		}

	};

	/** Starts k3s while Maven builds the images for the platform Docker runs on; imports them. */
	@BeforeAll
	@Timeout(value = 25, unit = TimeUnit.MINUTES)
	static void startK3sWithTheImages() throws Exception {
		deadline = Instant.now().plus(BUDGET);
		assumeFalse(Boolean.getBoolean("k3s.skip"), () -> skipped("-Dk3s.skip=true"));
		String noDocker = Boolean.getBoolean("k3s.required") ? null : whyNoUsableDocker();
		assumeTrue(noDocker == null, () -> skipped(noDocker));
		try {
			Matcher from = Pattern.compile("(?m)^FROM (\\S+) AS (\\S+)$")
				.matcher(Files.readString(Project.manifests().resolve("src/test/resources/k3s/Dockerfile")));
			while (from.find()) {
				pins.put(from.group(2), from.group(1));
			}
			assertThat(pins).as("the images pinned in the Dockerfile").containsOnlyKeys("k3s", "pause", "curl");
			createK3s(saveFromHostDocker(WORK.resolve("system-images.tar"), pins.get("pause"), pins.get("curl")));
			CompletableFuture<Void> started = CompletableFuture.runAsync(K3sClusterIT::startK3s);
			boolean arm = DockerClientFactory.instance().getInfo().getArchitecture().matches("aarch64|arm64");
			Map<String, Path> tars = Project.jibBuildTar(WORK.resolve("images"), left(Duration.ofMinutes(15)),
					List.of("-Dimage.architecture=" + (arm ? "arm64" : "amd64")));
			started.get(left(Duration.ofMinutes(15)).toSeconds(), TimeUnit.SECONDS);
			// As users import them; named as k8s/ runs them (ManifestConsistencyTests), or containerd holds others.
			tars.forEach((module, tar) -> {
				k3s.copyFileToContainer(MountableFile.forHostPath(tar), "/qotd/images/" + module + ".tar");
				run(ctr("images", "import", "/qotd/images/" + module + ".tar"));
				imported.add(containerdName(module + ":" + Project.version()));
			});
			requireOnlyImportedImages();
			k3s.copyFileToContainer(MountableFile.forHostPath(Project.clusterManifests(WORK.resolve("manifests"))),
					"/qotd/manifests");
			kubectl("create", "namespace", NAMESPACE);
			kubectl("wait", "--for=create", "serviceaccount/default", timeout(Duration.ofMinutes(2)));
		}
		catch (Exception | Error ex) {
			diagnose("startK3sWithTheImages", ex);
			throw ex;
		}
	}

	private static String skipped(String why) {
		String line = "K3sClusterIT skipped: " + why + ". The k3s cluster tests run with mvn verify where Docker can"
				+ " run privileged containers (Docker Engine on Linux, Docker Desktop); see docs/kubernetes.md,"
				+ " \"Tests on a real cluster (k3s)\".";
		System.out.println(line);
		return line;
	}

	/** Testcontainers' own detection, its report of every place it looked kept quiet. */
	private static String whyNoUsableDocker() {
		Logger testcontainers = (Logger) LoggerFactory.getLogger("org.testcontainers");
		Level level = testcontainers.getLevel();
		testcontainers.setLevel(Level.OFF);
		try {
			if (!DockerClientFactory.instance().isDockerAvailable()) {
				return "no Docker found";
			}
			Info info = DockerClientFactory.instance().getInfo();
			boolean usable = "linux".equals(info.getOsType())
					&& !String.valueOf(info.getSecurityOptions()).contains("rootless");
			return usable ? null : "Docker cannot run the privileged k3s container (" + info.getOsType()
					+ " containers, " + info.getSecurityOptions() + ")";
		}
		finally {
			testcontainers.setLevel(level);
		}
	}

	/** Pulls {@code images} with the host's Docker, and its Docker Hub login if any, into {@code archive}. */
	private static Path saveFromHostDocker(Path archive, String... images) throws IOException {
		SaveImagesCmd save = DockerClientFactory.instance().client().saveImagesCmd();
		for (String image : images) {
			DockerImageName name = DockerImageName.parse(new RemoteDockerImage(DockerImageName.parse(image)).get());
			save.withImage(name.getUnversionedPart(), name.getVersionPart());
			imported.add(containerdName(image));
		}
		try (InputStream saved = save.exec()) {
			Files.copy(saved, Files.createDirectories(archive.getParent()).resolve(archive.getFileName()),
					StandardCopyOption.REPLACE_EXISTING);
		}
		return archive;
	}

	/** A k3s that imports {@code archive} at start and runs its pods' sandboxes on the pinned pause. */
	private static void createK3s(Path archive) {
		k3s = new K3sContainer(DockerImageName.parse(System.getProperty("k3s.image", pins.get("k3s"))))
			// The API server's port, through which K3sContainer reads its kubeconfig, and the NodePort.
			.withExposedPorts(K3sContainer.KUBE_SECURE_PORT, 31080)
			.withCopyFileToContainer(MountableFile.forHostPath(archive), "/var/lib/rancher/k3s/agent/images/qotd.tar")
			.withCopyToContainer(Transferable.of("mirrors:\n  docker.io:\n    endpoint: [http://127.0.0.1:1]\n"),
					"/etc/rancher/k3s/registries.yaml")
			// The packaged components the app does not use are left out, with their images; the
			// network policy controller stays on, as it is by default. The kubelet must never
			// collect the imported images, whatever the free disk: they cannot be pulled.
			.withCommand("server", "--disable=traefik", "--disable=metrics-server", "--disable=servicelb",
					"--disable=local-storage", "--disable-helm-controller", "--disable-default-registry-endpoint",
					"--kubelet-arg=image-gc-high-threshold=100", "--pause-image=" + pins.get("pause"))
			.withStartupTimeout(Duration.ofMinutes(4));
	}

	/** Starts k3s and waits until its node is ready and its DNS runs. */
	private static void startK3s() {
		k3s.start();
		kubectl("wait", "--for=condition=Ready", "node", "--all", timeout(Duration.ofMinutes(3)));
		// Pods of one node reach a ClusterIP only if bridged traffic passes through iptables: the
		// host's br_netfilter module, which k3s in a container cannot load.
		Result bridge = exec("cat", "/proc/sys/net/bridge/bridge-nf-call-iptables");
		if (!bridge.stdout().strip().equals("1")) {
			throw new AssertionError("Bridged traffic bypasses iptables in the k3s container (" + bridge
					+ "), so no call between pods could reach a ClusterIP. Load the Docker host's br_netfilter"
					+ " module ('sudo modprobe br_netfilter'; Docker 27.3 and later no longer load it).");
		}
		kubectl("-n", "kube-system", "wait", "--for=create", "deployment/coredns", timeout(Duration.ofMinutes(3)));
		try {
			// The CoreDNS this k3s release deploys, whichever it is: its pod, which could not pull it,
			// is replaced rather than left to its pull back-off.
			String coredns = kubectl("-n", "kube-system", "get", "deployment/coredns", "-o",
					"jsonpath={.spec.template.spec.containers[0].image}");
			Path archive = Project.io(() -> saveFromHostDocker(WORK.resolve("coredns.tar"), coredns));
			k3s.copyFileToContainer(MountableFile.forHostPath(archive), "/qotd/images/coredns.tar");
			run(ctr("images", "import", "/qotd/images/coredns.tar"));
			kubectl("-n", "kube-system", "delete", "pods", "-l", "k8s-app=kube-dns", "--wait=false");
			kubectl("-n", "kube-system", "rollout", "status", "deployment/coredns", timeout(Duration.ofMinutes(3)));
		}
		catch (RuntimeException | Error ex) {
			// An image the node was not given is the likeliest cause of a failed rollout: named with it.
			try {
				requireOnlyImportedImages();
			}
			catch (AssertionError images) {
				ex.addSuppressed(images);
			}
			throw ex;
		}
		requireOnlyImportedImages();
	}

	/** Fails, naming them, when pods want or containerd holds images the node was not given. */
	private static void requireOnlyImportedImages() {
		Set<String> images = new TreeSet<>(words(run(ctr("images", "ls", "-q"))));
		images.removeIf((name) -> name.contains("sha256:")); // the same images by their digests
		words(kubectl("get", "pods", "--all-namespaces", "-o",
				"jsonpath={.items[*].spec['containers','initContainers','ephemeralContainers'][*].image}"))
			.forEach((image) -> images.add(containerdName(image)));
		images.removeAll(imported);
		assertThat(images).as("images the node was not given (given: %s); k3s warned: %s%nA pod that names an image"
				+ " needs it pinned in k8s/src/test/resources/k3s/Dockerfile", imported, kubectl("get", "events",
						"--all-namespaces", "--field-selector=type=Warning", "-o", "jsonpath={.items[*].message}"))
			.isEmpty(); // no pod names the pause image: the warning events name what a sandbox wanted
	}

	/** Writes the cluster's state, after the failure, to the console and target/k3s-it/diagnostics/. */
	private static void diagnose(String step, Throwable failure) {
		if (k3s != null && k3s.isRunning()) {
			String commands = Stream.of("kubectl get nodes,pods -A -o wide",
					"kubectl -n " + NAMESPACE + " get all,endpointslices,networkpolicies,configmaps,poddisruptionbudgets -o wide",
					"kubectl get events -A --sort-by=.lastTimestamp", "kubectl -n " + NAMESPACE + " describe pods",
					"kubectl -n " + NAMESPACE + " logs -l app --all-containers --prefix --tail=200 --max-log-requests=10",
					String.join(" ", ctr("images", "ls", "-q")))
				.map((command) -> "echo '$ " + command + "'; " + command + " 2>&1")
				.collect(Collectors.joining("; "));
			String report = "=== " + step + " failed: " + failure + "\n" + exec("sh", "-c", commands).stdout()
					+ "=== k3s's log, network policy lines, then the last lines\n"
					+ String.join("\n", log("netpol|NetworkPolicy|ipset", 40)) + "\n" + String.join("\n", log("", 60));
			System.out.println(report);
			Project.io(() -> Files.createDirectories(WORK.resolve("diagnostics")));
			Project.io(() -> Files.writeString(WORK.resolve("diagnostics/" + step + ".txt"), report));
		}
	}

	/** Each test starts from the app rolled out and whole on the NodePort; the walkthrough's without policies. */
	@BeforeEach
	@Timeout(value = 10, unit = TimeUnit.MINUTES)
	void deploy(TestInfo test) {
		kubectl("delete", "pod", "curl", "--ignore-not-found", "--now", "--wait=true", timeout(Duration.ofMinutes(2)));
		kubectl("apply", "-k", "/qotd/manifests/" + (test.getTags().contains("plain") ? "k8s" : "with-policies"));
		for (String app : Project.SERVICES) {
			kubectl("rollout", "status", "deployment/" + app, timeout(Duration.ofMinutes(5)));
			awaitNoTerminatingPods(app);
		}
		// kube-proxy routes the NodePort a moment after the pod is ready; nothing to wait on from the host.
		Answer answer = ask();
		for (Instant end = deadline(Duration.ofMinutes(2)); answer.failure() != null && Instant.now().isBefore(end);) {
			sleep(Duration.ofMillis(500));
			answer = ask();
		}
		assertThat(answer.failure()).as("the page through %s, asked for until it came whole", nodePort()).isNull();
	}

	/**
	 * On {@code k8s/} as applied, a throwaway pod gets a quote from {@code quote-svc}, and the
	 * Deployment exposed by hand as a NodePort answers on the node (asked from the pod: of the
	 * node's ports, only 31080 is published to the host).
	 */
	@Test
	@Order(1)
	@Tag("plain")
	void theWalkthroughsStepsWorkOnK8sAsApplied() {
		runCurlPod("run=curl"); // the label kubectl run gives it
		assertThat(curlUntil("http://quote-svc").stdout()).as("an unlabelled pod calls http://quote-svc, its ClusterIP")
			.matches("(?s)\\S.*\n200 " + Pattern.quote(clusterIp("quote-svc")));

		kubectl("expose", "deployment", "quote", "--name=quote-nodeport", "--type=NodePort", "--port=80",
				"--target-port=8080");
		try {
			String node = kubectl("get", "nodes", "-o",
					"jsonpath={.items[0].status.addresses[?(@.type==\"InternalIP\")].address}");
			String port = kubectl("get", "service", "quote-nodeport", "-o", "jsonpath={.spec.ports[0].nodePort}");
			Result exposed = curlUntil("http://" + node + ":" + port + "/whoami");

			assertThat(exposed.stdout()).as("kubectl expose deployment quote --type=NodePort: %s", exposed)
				.contains("\n200 ")
				.containsAnyOf(readyPods("quote").keySet().toArray(String[]::new));
		}
		finally {
			kubectl("delete", "service", "quote-nodeport");
		}
	}

	@Test
	@Order(2)
	void curlOnTheNodePortGetsTheWalkthroughsTwoLines() throws IOException {
		Page answer = get("*/*");
		Matcher lines = Pattern.compile("Quote: (.+)\nTime: (.+)\n").matcher(answer.body());
		DateTimeFormatter busybox = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss zzz yyyy", Locale.ENGLISH);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.contentType()).startsWith("text/plain");
		assertThat(lines.matches()).as("GET / answers the walkthrough's two lines; it answered:%n%s", answer.body())
			.isTrue();
		assertThat(lines.group(1)).as("the quote, one of k8s/quote/quotes.txt")
			.isIn(Project.text(Project.manifests().resolve("quote/quotes.txt")).replace("\"", "").lines().toList());
		assertThat(ZonedDateTime.parse(lines.group(2), busybox).toInstant()).as("the time, as busybox date prints it")
			.isCloseTo(Instant.now(), within(5, ChronoUnit.MINUTES));
		assertThat(answer.servedBy()).isIn(readyPods("frontend").keySet());
	}

	/** 1.2 s apart, longer than the frontend keeps a connection (1 s): kube-proxy picks a pod for each call. */
	@Test
	@Order(3)
	void callsToQuoteSvcAreSpreadOverBothQuotePods() {
		Set<String> quotePods = readyPods("quote").keySet();
		Map<String, Integer> answeredBy = new TreeMap<>();
		for (int i = 0; i < 20; i++) {
			Answer answer = ask();
			assertThat(answer.failure()).as("request %d", i + 1).isNull();
			answeredBy.merge(answer.quotePod(), 1, Integer::sum);
			sleep(Duration.ofMillis(1200));
		}

		assertThat(quotePods).as("ready quote pods").hasSize(2);
		assertThat(answeredBy.keySet()).as("the quote pods that answered (calls.quote.servedBy): %s", answeredBy)
			.containsExactlyInAnyOrderElementsOf(quotePods);
	}

	@Test
	@Order(4)
	void quoteSvcResolvesToItsClusterIpWhichNoPodHas() throws IOException {
		Map<String, String> quotePods = readyPods("quote");
		JsonNode calls = json.readTree(get("application/json").body()).path("calls");

		assertThat(calls.path("quote").path("resolvedAddress").asString()).as("in %s", calls)
			.isEqualTo(clusterIp("quote-svc"));
		assertThat(calls.path("time").path("resolvedAddress").asString()).as("in %s", calls)
			.isEqualTo(clusterIp("time-svc"));
		assertThat(words(kubectl("get", "pods", "-A", "-o", "jsonpath={.items[*].status.podIPs[*].ip}")))
			.as("the IPs of all pods of the cluster")
			.isNotEmpty()
			.doesNotContain(clusterIp("quote-svc"), clusterIp("time-svc"));
		assertThat(words(kubectl("get", "endpointslices", "-l", "kubernetes.io/service-name=quote-svc", "-o",
				"jsonpath={.items[*].endpoints[?(@.conditions.ready==true)].addresses[*]}")))
			.as("the endpoints of quote-svc, to which kube-proxy translates its ClusterIP")
			.containsExactlyInAnyOrderElementsOf(quotePods.values());
		assertThat(quotePods).containsKey(calls.path("quote").path("servedBy").asString());
	}

	/**
	 * A pod labelled otherwise gets the page from the frontend, which anyone may call, but reaches
	 * neither quote nor time; relabelled {@code app=frontend}, the same pod reaches both: the
	 * refusal was the policies, not a Service without endpoints. kube-router applies a label change
	 * a moment later, so the allowed calls are tried until they pass (bounded).
	 */
	@Test
	@Order(5)
	void onlyPodsLabelledAsTheFrontendReachQuoteAndTime() {
		runCurlPod("app=curl");
		assertThat(curlUntil("http://frontend-svc").stdout()).as("a pod labelled app=curl calls frontend-svc")
			.contains("\n200 ");
		for (String service : List.of("quote-svc", "time-svc")) {
			assertThat(curl("http://" + service).exitCode())
				.as("curl's exit code for %s from a pod labelled app=curl: 7 (refused) or 28 (timed out) is the policy"
						+ " at work; k3s logged:%n%s", service, String.join("\n", log("NetworkPolicy|ipset", 20)))
				.isIn(7, 28);
		}

		kubectl("label", "pod", "curl", "app=frontend", "--overwrite");

		for (String service : List.of("quote-svc", "time-svc")) {
			assertThat(curlUntil("http://" + service).stdout()).as("the pod relabelled app=frontend calls %s", service)
				.matches("(?s)\\S.*\n200 " + Pattern.quote(clusterIp(service)));
		}
		requireOnlyImportedImages();
	}

	/**
	 * An ephemeral debug container shares its pod's network, and so its policies: in a quote pod,
	 * names resolve ({@code curl -v} names the address it tries; it would exit with 6 otherwise),
	 * but time and the frontend, which anyone else may call, are out of reach.
	 */
	@Test
	@Order(6)
	void quotePodsCallNothingButDns() {
		String pod = readyPods("quote").keySet().iterator().next();
		kubectl("debug", "pod/" + pod, "--container=egress", "--image=" + pins.get("curl"), "--image-pull-policy=Never",
				"--profile=restricted", "--", "sh", "-c", "for url in http://time-svc http://frontend-svc; do curl -sSv"
						+ " --connect-timeout 5 --max-time 8 -o /dev/null $url 2>&1; echo \"$url exit $?\"; done");
		kubectl("wait", "--for=jsonpath={.status.ephemeralContainerStatuses[0].state.terminated.reason}=Completed",
				"pod/" + pod, timeout(Duration.ofMinutes(2)));

		assertThat(kubectl("logs", pod, "--container=egress")).as("what the debug container in %s printed", pod)
			.containsPattern("http://time-svc exit (7|28)\n")
			.containsPattern("http://frontend-svc exit (7|28)\n")
			.contains("Trying " + clusterIp("time-svc") + ":80", "Trying " + clusterIp("frontend-svc") + ":80");
	}

	/** A new pod is ready before an old one goes (maxUnavailable 0, maxSurge 1), even of one replica. */
	@Test
	@Order(7)
	void deletingAQuotePodAndRestartingEachDeploymentFailNoRequest() throws InterruptedException {
		Map<String, Set<String>> before = new LinkedHashMap<>();
		Project.SERVICES.forEach((app) -> before.put(app, readyPods(app).keySet()));
		String deleted = before.get("quote").iterator().next();
		assertThat(before.get("quote")).as("ready quote pods").hasSize(2);

		underLoad("a quote pod was deleted, then each Deployment restarted", Duration.ofMinutes(9), () -> {
			kubectl("delete", "pod", deleted, "--wait=true", timeout(Duration.ofMinutes(2)));
			kubectl("rollout", "status", "deployment/quote", timeout(Duration.ofMinutes(5)));
			assertThat(readyPods("quote").keySet()).as("after %s went", deleted).hasSize(2).doesNotContain(deleted);
			before.put("quote", readyPods("quote").keySet());
			for (String app : Project.SERVICES) {
				kubectl("rollout", "restart", "deployment/" + app);
				kubectl("rollout", "status", "deployment/" + app, timeout(Duration.ofMinutes(4)));
				awaitDeleted(before.get(app));
				assertThat(readyPods(app).keySet()).as("ready %s pods after the restart of %s", app, before.get(app))
					.hasSameSizeAs(before.get(app))
					.doesNotContainAnyElementsOf(before.get(app));
			}
		});
	}

	/** A drain evicts through the Eviction API: the budget lets one quote pod go and refuses the second (429). */
	@Test
	@Order(8)
	void theDisruptionBudgetLetsOneQuotePodBeEvictedAtATime() throws InterruptedException {
		List<String> pods = new ArrayList<>(readyPods("quote").keySet());
		assertThat(pods).as("ready quote pods").hasSize(2);
		kubectl("wait", "--for=jsonpath={.status.disruptionsAllowed}=1", "pdb/quote", timeout(Duration.ofMinutes(1)));
		List<Result> evictions = new ArrayList<>();

		underLoad(pods.get(0) + " was evicted", Duration.ofMinutes(6), () -> {
			for (String pod : pods) {
				k3s.copyFileToContainer(Transferable.of("{\"apiVersion\": \"policy/v1\", \"kind\": \"Eviction\", "
						+ "\"metadata\": {\"name\": \"" + pod + "\", \"namespace\": \"" + NAMESPACE + "\"}}"), "/qotd/evict");
				evictions.add(exec("kubectl", "create", "--raw", "/api/v1/namespaces/" + NAMESPACE + "/pods/" + pod
						+ "/eviction", "-f", "/qotd/evict"));
			}
			kubectl("wait", "--for=delete", "pod/" + pods.get(0), timeout(Duration.ofMinutes(2)));
			kubectl("rollout", "status", "deployment/quote", timeout(Duration.ofMinutes(5)));
		});
		assertThat(evictions.get(0).exitCode()).as("the eviction of %s: %s", pods.get(0), evictions.get(0)).isZero();
		assertThat(evictions.get(1).stderr()).as("the eviction of %s right after", pods.get(1))
			.contains("TooManyRequests", "disruption budget");
		assertThat(readyPods("quote").keySet()).hasSize(2).contains(pods.get(1)).doesNotContain(pods.get(0));
	}

	/** The kubelet refreshes the mounted file within about a minute, quote-service reads it every 10 s. */
	@Test
	@Order(9)
	void aChangedQuotesFileIsServedWithoutRestartingThePods() {
		Map<String, String> before = readyPods("quote");
		assertThat(before).as("ready quote pods before the change").hasSize(2);
		String generation = kubectl("get", "deployment", "quote", "-o", "jsonpath={.metadata.generation}");

		kubectl("apply", "-k", "/qotd/manifests/changed-quotes");

		assertThat(kubectl("get", "configmap", "quotes", "-o", "jsonpath={.data.quotes\\.txt}"))
			.contains(CHANGED_QUOTE);
		Map<String, String> lastQuotes = new TreeMap<>();
		for (Instant end = deadline(Duration.ofMinutes(3)); Instant.now().isBefore(end) && !(lastQuotes.keySet()
			.equals(before.keySet()) && lastQuotes.values().stream().allMatch(CHANGED_QUOTE::equals));) {
			Answer answer = ask();
			if (answer.failure() == null) {
				lastQuotes.put(answer.quotePod(), answer.quote());
			}
			sleep(Duration.ofMillis(1200));
		}

		assertThat(lastQuotes).as("the last quote each quote pod served").containsOnlyKeys(before.keySet())
			.allSatisfy((pod, quote) -> assertThat(quote).as("the quote of %s", pod).isEqualTo(CHANGED_QUOTE));
		assertThat(readyPods("quote")).as("the quote pods and their IPs, before and after").isEqualTo(before);
		assertThat(kubectl("get", "pods", "-l", "app=quote", "-o",
				"jsonpath={.items[*].status.containerStatuses[*].restartCount}"))
			.as("the quote containers' restarts").isEqualTo("0 0");
		assertThat(kubectl("get", "deployment", "quote", "-o", "jsonpath={.metadata.generation}"))
			.as("the generation of deployment/quote: its pod template did not change").isEqualTo(generation);
	}

	/** Runs {@code steps} while two clients ask for the page, 200 ms apart: not one answer may lack a part. */
	private static void underLoad(String what, Duration limit, Runnable steps) throws InterruptedException {
		Instant end = deadline(limit);
		AtomicBoolean done = new AtomicBoolean();
		AtomicInteger requests = new AtomicInteger();
		Map<String, Integer> failures = new ConcurrentSkipListMap<>();
		ExecutorService clients = Executors.newFixedThreadPool(2);
		for (int i = 0; i < 2; i++) {
			clients.execute(() -> {
				while (!done.get() && Instant.now().isBefore(end)) {
					requests.incrementAndGet();
					String failure = ask().failure();
					if (failure != null) {
						failures.merge(failure, 1, Integer::sum);
					}
					sleep(Duration.ofMillis(200));
				}
			});
		}
		boolean inTime;
		try {
			steps.run();
		}
		finally {
			inTime = Instant.now().isBefore(end);
			done.set(true);
			clients.shutdown();
			clients.awaitTermination(10, TimeUnit.SECONDS);
		}
		assertThat(failures).as("failed requests (of %d) while %s", requests.get(), what).isEmpty();
		assertThat(inTime).as("the steps ended within %s", limit).isTrue();
		assertThat(requests.get()).as("requests").isGreaterThan(50);
	}

	/** Asks for the page (JSON) once: a good answer has both parts and names its quote pod. */
	private static Answer ask() {
		try {
			Page answer = get("application/json");
			JsonNode page = json.readTree(answer.body());
			if (answer.status() != 200 || !page.path("quote").isString() || !page.path("time").isString()) {
				return new Answer("HTTP " + answer.status() + ": " + page.path("calls"), null, null);
			}
			return new Answer(null, page.path("calls").path("quote").path("servedBy").asString(),
					page.path("quote").asString());
		}
		catch (Exception ex) {
			return new Answer(ex.getClass().getSimpleName() + ": " + ex.getMessage(), null, null);
		}
	}

	/**
	 * GET on the NodePort over a connection of its own, as curl asks: kube-proxy picks a frontend pod
	 * per connection, and a pod shut down after its last answer leaves no connection for the next.
	 */
	private static Page get(String accept) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) nodePort().toURL().openConnection();
		connection.setRequestProperty("Accept", accept);
		connection.setRequestProperty("Connection", "close");
		connection.setConnectTimeout(5000);
		connection.setReadTimeout(5000);
		try {
			int status = connection.getResponseCode();
			try (InputStream body = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
				return new Page(status, String.valueOf(connection.getContentType()),
						String.valueOf(connection.getHeaderField("X-Served-By")),
						(body != null) ? new String(body.readAllBytes(), StandardCharsets.UTF_8) : "");
			}
		}
		finally {
			connection.disconnect();
		}
	}

	/** The frontend's NodePort as the host reaches it. */
	private static URI nodePort() {
		return URI.create("http://" + k3s.getHost() + ":" + k3s.getMappedPort(31080) + "/");
	}

	/** What is left of the suite's time budget, at most {@code wanted}; fails when nothing is. */
	private static Duration left(Duration wanted) {
		Duration left = Duration.between(Instant.now(), deadline);
		assertThat(left.toSeconds()).as("seconds left of the k3s suite's time budget (-Dk3s.budget=%d, minutes)",
				BUDGET.toMinutes()).isPositive();
		return (wanted.compareTo(left) < 0) ? wanted : left;
	}

	private static String timeout(Duration wanted) {
		return "--timeout=" + left(wanted).toSeconds() + "s";
	}

	private static Instant deadline(Duration wanted) {
		return Instant.now().plus(left(wanted));
	}

	private static String clusterIp(String service) {
		return kubectl("get", "service", service, "-o", "jsonpath={.spec.clusterIP}").strip();
	}

	/** The IPs of the ready pods labelled {@code app: <app>} that are not terminating, by name. */
	private static Map<String, String> readyPods(String app) {
		Map<String, String> ready = new TreeMap<>();
		json.readTree(kubectl("get", "pods", "-l", "app=" + app, "-o", "json")).path("items").forEach((pod) -> {
			if (!pod.path("metadata").hasNonNull("deletionTimestamp") && pod.path("status").path("conditions")
				.valueStream()
				.anyMatch((condition) -> condition.path("type").asString().equals("Ready")
						&& condition.path("status").asString().equals("True"))) {
				ready.put(pod.path("metadata").path("name").asString(), pod.path("status").path("podIP").asString());
			}
		});
		return ready;
	}

	/**
	 * Until the replaced pods of {@code app} are gone: while they shut down (5 s preStop) they still
	 * serve connections made before, and the pods a test counts are the ready ones.
	 */
	private static void awaitNoTerminatingPods(String app) {
		List<String> terminating = words(kubectl("get", "pods", "-l", "app=" + app, "-o",
				"jsonpath={.items[?(@.metadata.deletionTimestamp)].metadata.name}"));
		if (!terminating.isEmpty()) {
			awaitDeleted(terminating);
		}
	}

	private static void awaitDeleted(Collection<String> pods) {
		kubectl(Stream.concat(Stream.of("wait", "--for=delete", timeout(Duration.ofMinutes(2))),
				pods.stream().map((pod) -> "pod/" + pod)).toArray(String[]::new));
	}

	/** Starts the throwaway pod {@code curl}, labelled {@code labels}. */
	private static void runCurlPod(String labels) {
		kubectl("run", "curl", "--labels=" + labels, "--image=" + pins.get("curl"), "--image-pull-policy=Never",
				"--restart=Never", "--command", "--", "sleep", "600");
		kubectl("wait", "--for=condition=Ready", "pod/curl", timeout(Duration.ofMinutes(3)));
	}

	/** curl in the pod {@code curl}: its exit code, and the answer followed by its status and address. */
	private static Result curl(String url) {
		return exec("kubectl", "-n", NAMESPACE, "exec", "curl", "--", "curl", "--silent", "--show-error",
				"--connect-timeout", "5", "--max-time", "8", "--write-out", "\\n%{http_code} %{remote_ip}", url);
	}

	/** Tries {@code url} from the pod {@code curl} until it answers, for at most 90 s (policies take a moment). */
	private static Result curlUntil(String url) {
		Instant end = deadline(Duration.ofSeconds(90));
		Result curl = curl(url);
		while (!(curl.exitCode() == 0 && curl.stdout().contains("\n200 ")) && Instant.now().isBefore(end)) {
			sleep(Duration.ofSeconds(2));
			curl = curl(url);
		}
		return curl;
	}

	/** Runs {@code kubectl} in the node, in the app's namespace unless told another; fails unless it succeeds. */
	private static String kubectl(String... arguments) {
		return run(Stream.concat(Stream.of("kubectl", "--namespace=" + NAMESPACE), Stream.of(arguments))
			.toArray(String[]::new));
	}

	private static String run(String... command) {
		Result result = exec(command);
		assertThat(result.exitCode()).as("the exit code of '%s': %s", String.join(" ", command), result).isZero();
		return result.stdout();
	}

	/** Runs a command in the node, whatever its outcome. */
	private static Result exec(String... command) {
		try {
			ExecResult result = k3s.execInContainer(ExecConfig.builder()
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
	private static List<String> log(String pattern, int limit) {
		Pattern wanted = Pattern.compile(pattern);
		List<String> lines = k3s.getLogs().lines().filter((line) -> wanted.matcher(line).find()).toList();
		return lines.subList(Math.max(0, lines.size() - limit), lines.size());
	}

	/** The name containerd stores an image under: {@code a:1} is {@code docker.io/library/a:1}. */
	private static String containerdName(String image) {
		String first = image.substring(0, Math.max(0, image.indexOf('/')));
		return first.matches(".*[.:].*|localhost") ? image
				: (first.isEmpty() ? "docker.io/library/" : "docker.io/") + image;
	}

	private static String[] ctr(String... arguments) {
		return Stream.concat(Stream.of(CTR), Stream.of(arguments)).toArray(String[]::new);
	}

	private static List<String> words(String text) {
		return Arrays.stream(text.strip().split("\\s+")).filter((word) -> !word.isEmpty()).toList();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting", ex);
		}
	}

	/** What a command in the node did. */
	record Result(int exitCode, String stdout, String stderr) {

	}

	/** What GET / answered. */
	record Page(int status, String contentType, String servedBy, String body) {

	}

	/** One answer of the page: why it is no good, or the quote pod that served its quote. */
	record Answer(String failure, String quotePod, String quote) {

	}

}
