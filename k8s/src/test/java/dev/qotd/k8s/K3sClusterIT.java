package dev.qotd.k8s;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.DockerClientFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The app on a real cluster: k3s in Docker, the images built as users build them
 * ({@code mvn compile jib:buildTar}, with the project's Jib configuration and base image)
 * and imported into the node, {@code k8s/} applied as users apply it (in the namespace
 * {@code qotd}, with the images pointed at the tag built here, see {@link ClusterOverlay}).
 * Then, through the NodePort as the host reaches it, what the walkthrough shows and the
 * manifests promise:
 * <ol type="a">
 * <li>{@code GET /} answers the walkthrough's two lines;</li>
 * <li>calls to {@code quote-svc} are spread over both quote pods;</li>
 * <li>{@code quote-svc} resolves to its ClusterIP, which no pod has;</li>
 * <li>the network policies let a pod labelled {@code app: frontend} call {@code quote-svc},
 * and no other;</li>
 * <li>a deleted quote pod fails no request, and is replaced;</li>
 * <li>a rolling restart of the quote pods fails no request;</li>
 * <li>a changed quotes file is served without restarting the pods.</li>
 * </ol>
 * Needs Docker that runs privileged containers; skipped elsewhere ({@link RequiresDocker}).
 * On a failure, {@link ClusterDiagnostics} prints the cluster's state after the message.
 */
@RequiresDocker
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class K3sClusterIT {

	private static final String NAMESPACE = "qotd";

	private static final String TAG = "k3s-it";

	/** What the walkthrough's throwaway pods run, pinned. */
	private static final String CURL_IMAGE = "curlimages/curl:8.17.0";

	private static final Path WORK_DIRECTORY = Path.of("target/k3s-it").toAbsolutePath();

	private static final String MANIFESTS = K3sCluster.WORK_DIRECTORY + "/manifests";

	private static final String CHANGED_QUOTE = "Proved on k3s: a changed ConfigMap is served without a restart ("
			+ UUID.randomUUID() + ").";

	private static final Pattern TWO_LINES = Pattern.compile("Quote: (.+)\nTime: (.+)\n");

	/** How busybox {@code date} prints the time (contract), in English. */
	private static final DateTimeFormatter BUSYBOX_DATE = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss zzz yyyy",
			Locale.ENGLISH);

	/** The frontend answers within 2 s, whatever its dependencies do (contract). */
	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static K3sCluster cluster;

	@RegisterExtension
	static final ClusterDiagnostics diagnostics = new ClusterDiagnostics(() -> cluster, NAMESPACE,
			WORK_DIRECTORY.resolve("diagnostics"));

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(REQUEST_TIMEOUT)
		.build();

	/**
	 * Starts k3s while Maven builds the images, then imports them and applies the
	 * manifests.
	 */
	@BeforeAll
	@Timeout(value = 30, unit = TimeUnit.MINUTES)
	static void deployTheAppOnK3s() {
		String platform = ClusterImages.platformFor(DockerClientFactory.instance().getInfo().getArchitecture());
		cluster = new K3sCluster(K3sCluster.image());
		CompletableFuture<Void> started = CompletableFuture.runAsync(cluster::start);
		ClusterImages images;
		try {
			images = ClusterImages.build(WORK_DIRECTORY.resolve("images"), TAG, platform, List.of());
		}
		catch (RuntimeException | Error ex) {
			started.handle((result, failure) -> null).join();
			throw ex;
		}
		try {
			started.get(20, TimeUnit.MINUTES);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException | TimeoutException ex) {
			throw new IllegalStateException("k3s did not start within 20 minutes", ex);
		}
		for (String service : ClusterImages.SERVICES) {
			assertThat(ClusterImages.repoTags(images.tars().get(service)))
				.as("the names in the archive that jib:buildTar wrote for %s", service)
				.containsExactly(images.reference(service));
		}
		cluster.importImages(images);
		ClusterOverlay overlay = ClusterOverlay.write(WORK_DIRECTORY.resolve("manifests"), ClusterImages.SERVICES, TAG,
				"\"" + CHANGED_QUOTE + "\"\n");
		cluster.copy(overlay.root(), MANIFESTS);
		cluster.kubectl("create", "namespace", NAMESPACE);
		kubectl("wait", "--for=create", "serviceaccount/default", "--timeout=120s");
		kubectl("apply", "-k", MANIFESTS + "/" + ClusterOverlay.DEPLOY);
		awaitRollouts();
		awaitTheNodePort();
	}

	/**
	 * kube-proxy routes the NodePort to the frontend a moment after the pod is ready; there
	 * is no event for it to wait on from the host, so the page is asked for (bounded).
	 */
	private static void awaitTheNodePort() {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(REQUEST_TIMEOUT)
			.build();
		RequestLoop.Report report;
		try {
			RequestLoop loop = RequestLoop.start(http, request(cluster, "application/json"), FrontendAnswer::judge,
					RequestLoop.Settings.until(1, Duration.ofMillis(500), Duration.ofMinutes(2)));
			loop.awaitGoodAnswer(Duration.ofMinutes(2));
			report = loop.stop();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		assertThat(report.results()).as("the page through %s, asked for until it came: %s", cluster.nodePort(),
				report.summary())
			.anySatisfy((result) -> assertThat(result.outcome().isGood()).isTrue());
	}

	@AfterAll
	static void stopK3s() {
		if (cluster != null) {
			cluster.close();
		}
	}

	/** Every test starts from the app as deployed: all rolled out, no throwaway pod left. */
	@BeforeEach
	@Timeout(value = 20, unit = TimeUnit.MINUTES)
	void awaitSteadyState() {
		kubectl("delete", "pod", "curl-frontend", "curl-other", "--ignore-not-found", "--now", "--wait=true",
				"--timeout=120s");
		awaitRollouts();
	}

	@Test
	@Order(1)
	void curlOnTheNodePortGetsTheWalkthroughsTwoLines() throws Exception {
		HttpResponse<String> answer = send(request("*/*"));

		assertThat(answer.statusCode()).as("status of GET %s", cluster.nodePort()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Content-Type")).as("Content-Type")
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		Matcher lines = TWO_LINES.matcher(answer.body());
		assertThat(lines.matches()).as("GET / answers the walkthrough's two lines; it answered:%n%s", answer.body())
			.isTrue();
		assertThat(lines.group(1)).as("the quote, one of k8s/quote/quotes.txt").isIn(quotesOfTheManifests());
		assertThat(ZonedDateTime.parse(lines.group(2), BUSYBOX_DATE).toInstant())
			.as("the time line, %s, as busybox date prints the time", lines.group(2))
			.isCloseTo(Instant.now(), within(5, ChronoUnit.MINUTES));
		assertThat(answer.headers().firstValue("X-Served-By")).as("X-Served-By")
			.hasValueSatisfying((pod) -> assertThat(pod).isIn(readyPods("frontend").keySet()));
	}

	/**
	 * The requests are sent one after the other, 1.2 s apart: longer than the frontend
	 * keeps a pooled connection ({@code frontend.downstream.connection-time-to-live} = 1 s),
	 * so that each request's call to {@code quote-svc} opens a new connection, for which
	 * kube-proxy picks a pod at random: 20 independent picks. Concurrent requests would
	 * share the pool's connections in ways that depend on timing.
	 */
	@Test
	@Order(2)
	void callsToQuoteSvcAreSpreadOverBothQuotePods() throws Exception {
		Set<String> quotePods = readyPods("quote").keySet();

		RequestLoop.Report report = RequestLoop
			.start(this.http, request("application/json"), FrontendAnswer::judge,
					RequestLoop.Settings.sequence(20, Duration.ofMillis(1200), Duration.ofMinutes(3)))
			.awaitEnd();

		assertThat(quotePods).as("ready quote pods").hasSize(2);
		assertThat(report.failures()).as("failed requests:%n%s", report.summary()).isEmpty();
		assertThat(report.requests()).as("%s", report.summary()).isEqualTo(20);
		assertThat(report.answeredBy().keySet())
			.as("the quote pods that answered over 20 requests (calls.quote.servedBy):%n%s", report.summary())
			.containsExactlyInAnyOrderElementsOf(quotePods);
	}

	@Test
	@Order(3)
	void quoteSvcResolvesToItsClusterIpWhichNoPodHas() throws Exception {
		String quoteClusterIp = clusterIp("quote-svc");
		String timeClusterIp = clusterIp("time-svc");
		Map<String, Pod> quotePods = readyPods("quote");

		FrontendAnswer answer = FrontendAnswer.of(send(request("application/json")));

		assertThat(answer.quoteCall().resolvedAddress())
			.as("calls.quote.resolvedAddress: the address quote-svc resolved to in the frontend pod, in %s", answer)
			.isEqualTo(quoteClusterIp);
		assertThat(answer.timeCall().resolvedAddress())
			.as("calls.time.resolvedAddress: the address time-svc resolved to in the frontend pod, in %s", answer)
			.isEqualTo(timeClusterIp);
		assertThat(words(cluster.kubectl("get", "pods", "--all-namespaces", "-o",
				"jsonpath={.items[*].status.podIPs[*].ip}")))
			.as("the IPs of all pods of the cluster")
			.isNotEmpty()
			.doesNotContain(quoteClusterIp, timeClusterIp);
		assertThat(words(kubectl("get", "endpointslices", "--selector=kubernetes.io/service-name=quote-svc", "-o",
				"jsonpath={.items[*].endpoints[*].addresses[*]}")))
			.as("the endpoints of quote-svc, to which kube-proxy translates %s", quoteClusterIp)
			.containsExactlyInAnyOrderElementsOf(quotePods.values().stream().map(Pod::ip).toList());
		assertThat(quotePods).as("the quote pods; calls.quote.servedBy is %s", answer.quoteCall().servedBy())
			.containsKey(answer.quoteCall().servedBy());
	}

	/**
	 * k3s enforces NetworkPolicies with its embedded controller (on unless k3s runs with
	 * {@code --disable-network-policy}). A new pod's address reaches the policies' rules a
	 * moment after the pod starts, so the allowed call is tried until it passes (bounded).
	 * The second pod first reaches {@code frontend-svc}, which anyone may call, so that its
	 * denied call to {@code quote-svc} proves the policy, not a pod without a network.
	 */
	@Test
	@Order(4)
	void onlyPodsLabelledAsTheFrontendReachQuoteSvc() throws Exception {
		String quoteClusterIp = clusterIp("quote-svc");
		try {
			runCurlPod("curl-frontend", "app=frontend");
			Curl allowed = curlUntil("curl-frontend", "http://quote-svc", Curl::answered, Duration.ofSeconds(90));

			assertThat(allowed.answered()).as("a pod labelled app=frontend gets a quote from http://quote-svc: %s", allowed)
				.isTrue();
			assertThat(allowed.remoteIp()).as("the address curl connected to, from DNS: quote-svc's ClusterIP")
				.isEqualTo(quoteClusterIp);
			assertThat(allowed.body()).as("the quote").isNotBlank();
		}
		finally {
			deletePod("curl-frontend");
		}
		try {
			runCurlPod("curl-other", "app=curl");
			Curl control = curlUntil("curl-other", "http://frontend-svc", Curl::answered, Duration.ofSeconds(90));

			assertThat(control.answered())
				.as("a pod without the label app=frontend gets the page from http://frontend-svc, which anyone may call: %s",
						control)
				.isTrue();
			for (int attempt = 1; attempt <= 3; attempt++) {
				Curl denied = curl("curl-other", "http://quote-svc");
				assertThat(denied.exitCode())
					.as("curl's exit code when a pod without the label app=frontend calls http://quote-svc (try %d): %s%n"
							+ "7 (connection refused) or 28 (timed out) is the NetworkPolicy quote at work."
							+ " k3s's network policy controller logged:%n%s", attempt, denied,
							String.join("\n", cluster.log("netpol|network policy|NetworkPolicy|ipset", 20)))
					.isIn(7, 28);
			}
		}
		finally {
			deletePod("curl-other");
		}
	}

	@Test
	@Order(5)
	void deletingAQuotePodFailsNoRequestAndAReplacementBecomesReady() throws Exception {
		List<String> before = new ArrayList<>(readyPods("quote").keySet());
		assertThat(before).as("ready quote pods").hasSize(2);
		String deleted = before.get(0);

		RequestLoop loop = RequestLoop.start(this.http, request("application/json"), FrontendAnswer::judge,
				RequestLoop.Settings.until(2, Duration.ofMillis(200), Duration.ofMinutes(8)));
		RequestLoop.Report report;
		try {
			assertThat(loop.awaitAnswerFrom(deleted, Duration.ofSeconds(30))).as("%s answers before it is deleted", deleted)
				.isTrue();
			kubectl("delete", "pod", deleted, "--wait=true", "--timeout=120s");
			kubectl("rollout", "status", "deployment/quote", "--timeout=300s");
		}
		finally {
			report = loop.stop();
		}
		Map<String, Pod> after = readyPods("quote");

		assertThat(report.failures())
			.as("failed requests while the pod %s was deleted and replaced:%n%s", deleted, report.summary())
			.isEmpty();
		assertThat(report.endedByLimit()).as("the requests went on until the end: %s", report.summary()).isFalse();
		assertThat(report.requests()).as("%s", report.summary()).isGreaterThan(50);
		assertThat(after.keySet()).as("ready quote pods after %s was deleted", deleted)
			.hasSize(2)
			.doesNotContain(deleted)
			.contains(before.get(1));
	}

	@Test
	@Order(6)
	@Timeout(value = 12, unit = TimeUnit.MINUTES)
	void rollingRestartOfTheQuotePodsFailsNoRequest() throws Exception {
		Set<String> before = readyPods("quote").keySet();
		assertThat(before).as("ready quote pods").hasSize(2);

		RequestLoop loop = RequestLoop.start(this.http, request("application/json"), FrontendAnswer::judge,
				RequestLoop.Settings.until(2, Duration.ofMillis(200), Duration.ofMinutes(10)));
		RequestLoop.Report report;
		try {
			for (String pod : before) {
				assertThat(loop.awaitAnswerFrom(pod, Duration.ofSeconds(30))).as("%s answers before the restart", pod)
					.isTrue();
			}
			kubectl("rollout", "restart", "deployment/quote");
			kubectl("rollout", "status", "deployment/quote", "--timeout=360s");
			List<String> wait = new ArrayList<>(List.of("wait", "--for=delete", "--timeout=120s"));
			before.forEach((pod) -> wait.add("pod/" + pod));
			kubectl(wait.toArray(String[]::new));
		}
		finally {
			report = loop.stop();
		}
		Map<String, Pod> after = readyPods("quote");

		assertThat(report.failures())
			.as("failed requests while the quote pods %s were replaced one by one:%n%s", before, report.summary())
			.isEmpty();
		assertThat(report.endedByLimit()).as("the requests went on until the end: %s", report.summary()).isFalse();
		assertThat(report.requests()).as("%s", report.summary()).isGreaterThan(50);
		assertThat(after.keySet()).as("ready quote pods after the restart of %s", before)
			.hasSize(2)
			.doesNotContainAnyElementsOf(before);
		assertThat(report.answeredBy().keySet()).as("the quote pods that answered during the restart")
			.containsAnyElementsOf(after.keySet());
	}

	/**
	 * The kubelet refreshes a mounted ConfigMap within its sync period (about a minute) and
	 * quote-service reads the file every 10 s: both quote pods are asked (1.2 s apart, as
	 * in b) until each has served the new quote, for at most 3 minutes. A request that fails
	 * on the way (the loops before left pods starting) is asked again.
	 */
	@Test
	@Order(7)
	void aChangedQuotesFileIsServedWithoutRestartingThePods() throws Exception {
		Map<String, Pod> before = readyPods("quote");
		String generation = kubectl("get", "deployment", "quote", "-o", "jsonpath={.metadata.generation}");

		kubectl("apply", "-k", MANIFESTS + "/" + ClusterOverlay.CHANGED_QUOTES);
		Instant applied = Instant.now();

		assertThat(kubectl("get", "configmap", "quotes", "-o", "jsonpath={.data.quotes\\.txt}"))
			.as("the ConfigMap quotes after kubectl apply -k %s", ClusterOverlay.CHANGED_QUOTES)
			.contains(CHANGED_QUOTE);
		Map<String, String> lastQuotes = new TreeMap<>();
		Predicate<Map<String, String>> bothServeTheNewQuote = (quotes) -> quotes.keySet().containsAll(before.keySet())
				&& before.keySet().stream().allMatch((pod) -> CHANGED_QUOTE.equals(quotes.get(pod)));
		while (!bothServeTheNewQuote.test(lastQuotes) && Duration.between(applied, Instant.now()).toMinutes() < 3) {
			try {
				FrontendAnswer answer = FrontendAnswer.of(send(request("application/json")));
				if (answer.quote() != null && answer.quoteCall().servedBy() != null) {
					lastQuotes.put(answer.quoteCall().servedBy(), answer.quote());
				}
			}
			catch (IOException | IllegalArgumentException ex) {
				// asked again below
			}
			Thread.sleep(1200);
		}
		Map<String, Pod> after = readyPods("quote");

		assertThat(lastQuotes)
			.as("the last quote each quote pod served, %d s after the ConfigMap changed",
					Duration.between(applied, Instant.now()).toSeconds())
			.containsOnlyKeys(before.keySet())
			.allSatisfy((pod, quote) -> assertThat(quote).as("the quote of %s", pod).isEqualTo(CHANGED_QUOTE));
		assertThat(after.keySet()).as("the quote pods, before and after the change").isEqualTo(before.keySet());
		assertThat(after.values()).as("the quote pods' restarts")
			.allSatisfy((pod) -> assertThat(pod.restarts()).as("restarts of %s", pod.name()).isZero());
		assertThat(kubectl("get", "deployment", "quote", "-o", "jsonpath={.metadata.generation}"))
			.as("the generation of deployment/quote: its pod template did not change").isEqualTo(generation);
	}

	private static void awaitRollouts() {
		for (String deployment : List.of("quote", "time", "frontend")) {
			kubectl("rollout", "status", "deployment/" + deployment, "--timeout=300s");
		}
	}

	/** {@code kubectl} in the app's namespace. */
	private static String kubectl(String... arguments) {
		String[] namespaced = new String[arguments.length + 1];
		namespaced[0] = "--namespace=" + NAMESPACE;
		System.arraycopy(arguments, 0, namespaced, 1, arguments.length);
		return cluster.kubectl(namespaced);
	}

	private static String clusterIp(String service) {
		return kubectl("get", "service", service, "-o", "jsonpath={.spec.clusterIP}").strip();
	}

	/** The ready pods labelled {@code app: <app>} that are not terminating, by name. */
	private static Map<String, Pod> readyPods(String app) {
		JsonNode pods = json.readTree(kubectl("get", "pods", "--selector=app=" + app, "-o", "json"));
		Map<String, Pod> ready = new TreeMap<>();
		for (JsonNode pod : pods.path("items")) {
			boolean terminating = pod.path("metadata").hasNonNull("deletionTimestamp");
			boolean isReady = false;
			for (JsonNode condition : pod.path("status").path("conditions")) {
				isReady |= condition.path("type").asString("").equals("Ready")
						&& condition.path("status").asString("").equals("True");
			}
			if (isReady && !terminating) {
				int restarts = 0;
				for (JsonNode container : pod.path("status").path("containerStatuses")) {
					restarts += container.path("restartCount").asInt(0);
				}
				String name = pod.path("metadata").path("name").asString();
				ready.put(name, new Pod(name, pod.path("status").path("podIP").asString(""), restarts));
			}
		}
		return ready;
	}

	private static void runCurlPod(String name, String labels) {
		kubectl("run", name, "--image=" + CURL_IMAGE, "--labels=" + labels, "--restart=Never", "--command", "--", "sleep",
				"600");
		kubectl("wait", "--for=condition=Ready", "pod/" + name, "--timeout=180s");
	}

	private static void deletePod(String name) {
		kubectl("delete", "pod", name, "--ignore-not-found", "--now", "--wait=true", "--timeout=120s");
	}

	private static Curl curl(String pod, String url) {
		K3sCluster.Result result = cluster.exec("kubectl", "--namespace=" + NAMESPACE, "exec", pod, "--", "curl",
				"--silent", "--show-error", "--connect-timeout", "5", "--max-time", "8", "--write-out",
				"\\n%{http_code} %{remote_ip}", url);
		return Curl.of(url, result);
	}

	/** Tries {@code url} from {@code pod} until {@code done}, for at most {@code limit}; the last try. */
	private static Curl curlUntil(String pod, String url, Predicate<Curl> done, Duration limit)
			throws InterruptedException {
		Instant deadline = Instant.now().plus(limit);
		Curl curl = curl(pod, url);
		while (!done.test(curl) && Instant.now().isBefore(deadline)) {
			Thread.sleep(2000);
			curl = curl(pod, url);
		}
		return curl;
	}

	private HttpRequest request(String accept) {
		return request(cluster, accept);
	}

	private static HttpRequest request(K3sCluster cluster, String accept) {
		return HttpRequest.newBuilder(cluster.nodePort())
			.header("Accept", accept)
			.timeout(REQUEST_TIMEOUT)
			.GET()
			.build();
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static List<String> quotesOfTheManifests() throws IOException {
		return Files.readAllLines(Project.manifests().resolve("quote/quotes.txt"), StandardCharsets.UTF_8)
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty())
			.map((line) -> (line.length() >= 2 && line.startsWith("\"") && line.endsWith("\""))
					? line.substring(1, line.length() - 1).strip() : line)
			.toList();
	}

	private static List<String> words(String text) {
		return Arrays.stream(text.strip().split("\\s+")).filter((word) -> !word.isEmpty()).toList();
	}

	/**
	 * A ready pod.
	 * @param name its name
	 * @param ip its IP
	 * @param restarts how often its containers restarted
	 */
	record Pod(String name, String ip, int restarts) {

	}

	/**
	 * What {@code curl --write-out '\n%{http_code} %{remote_ip}' URL} did in a pod.
	 * @param url the URL
	 * @param exitCode curl's exit code (kubectl exec passes it on)
	 * @param status the HTTP status, 0 without an answer
	 * @param remoteIp the address curl connected to
	 * @param body what the URL answered
	 * @param errors what curl or kubectl printed as errors
	 */
	record Curl(String url, int exitCode, int status, String remoteIp, String body, String errors) {

		static Curl of(String url, K3sCluster.Result result) {
			String output = result.stdout();
			int lastLine = output.lastIndexOf('\n');
			String[] trailer = output.substring(lastLine + 1).strip().split(" ");
			int status = trailer[0].matches("[0-9]{3}") ? Integer.parseInt(trailer[0]) : 0;
			return new Curl(url, result.exitCode(), status, (trailer.length > 1) ? trailer[1] : "",
					(lastLine >= 0) ? output.substring(0, lastLine) : "", result.stderr().strip());
		}

		boolean answered() {
			return this.exitCode == 0 && this.status == 200;
		}

		@Override
		public String toString() {
			return "curl " + this.url + ": exit code " + this.exitCode + ", HTTP " + this.status + " from '" + this.remoteIp
					+ "', answer '" + this.body.strip() + "', errors '" + this.errors + "'";
		}

	}

}
