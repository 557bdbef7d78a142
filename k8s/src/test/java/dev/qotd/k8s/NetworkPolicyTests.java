package dev.qotd.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The network policies are an opt-in component ({@code k8s/components/network-policies}):
 * {@code k8s/} alone has none, so that the walkthrough's steps work as written, and the
 * component adds the policies and a readiness delay (the time the policy controller takes to
 * admit a new pod), nothing else. The policies let through what the app needs and no more:
 * anyone to the frontend, only the frontend to quote and time, every pod to DNS, port 53 to any
 * destination, since the DNS server's address differs by cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkPolicyTests {

	private static final YAMLMapper yaml = YAMLMapper.builder().build();

	@TempDir
	static Path temporary;

	private Path manifests;

	private Manifests app;

	/** Once per class; before each test, so that every test reports a missing kubectl. */
	@BeforeEach
	void render() {
		if (this.app == null) {
			this.manifests = Project.clusterManifests(temporary.resolve("manifests"));
			this.app = Manifests.render(this.manifests.resolve("with-policies"));
		}
	}

	/** What README and kustomization.yaml tell users to do: uncomment the component's two lines. */
	@Test
	void uncommentingTheComponentInK8sDeploysWhatTheClusterTestsDeploy() throws IOException {
		Path kustomization = this.manifests.resolve("k8s/kustomization.yaml");
		String commented = "# components:\n# - components/network-policies\n";
		String text = Files.readString(kustomization);
		List<JsonNode> expected = documents(this.manifests.resolve("with-policies"));
		assertThat(text).contains(commented);
		Files.writeString(kustomization, text.replace(commented, "components:\n- components/network-policies\n"));
		try {
			assertThat(documents(this.manifests.resolve("k8s"))).containsExactlyInAnyOrderElementsOf(expected);
		}
		finally {
			Files.writeString(kustomization, text);
		}
	}

	/** Also: k8s/ alone has neither (a policy in both would be rendered twice, which kustomize refuses). */
	@Test
	void theComponentAddsThePoliciesAndAReadinessDelayOnly() {
		List<JsonNode> withPolicies = documents(this.manifests.resolve("with-policies"));
		List<JsonNode> policies = withPolicies.stream().filter((object) -> object.path("kind").asString().equals("NetworkPolicy")).toList();
		List<JsonNode> delays = withPolicies.stream().filter((object) -> object.path("kind").asString().equals("Deployment"))
			.map((deployment) -> ((ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0)
				.path("readinessProbe")).remove("initialDelaySeconds"))
			.toList();

		assertThat(policies).extracting((policy) -> policy.path("metadata").path("name").asString())
			.containsExactlyInAnyOrder("quote", "time", "frontend");
		assertThat(delays).as("seconds before a pod may be ready: kube-router admits a new pod within about 5")
			.extracting(JsonNode::asInt)
			.containsExactly(10, 10, 10);
		assertThat(withPolicies.stream().filter((object) -> !policies.contains(object)))
			.as("everything but the policies, the readiness delays taken out")
			.containsExactlyInAnyOrderElementsOf(documents(this.manifests.resolve("k8s")));
	}

	/** Each policy read back as: the pods it guards, then every rule's peers and ports. */
	@Test
	void thePoliciesLetThroughWhatTheAppNeedsAndNothingElse() {
		Map<String, String> policies = new TreeMap<>();
		this.app.all(NetworkPolicy.class).forEach((policy) -> policies.put(policy.getMetadata().getName(),
				selector(policy.getSpec().getPodSelector()) + " " + policy.getSpec().getPolicyTypes() + " in "
						+ policy.getSpec().getIngress().stream().map((rule) -> peers(rule.getFrom()) + " " + ports(rule.getPorts())).toList()
						+ " out " + policy.getSpec().getEgress().stream().map((rule) -> peers(rule.getTo()) + " " + ports(rule.getPorts())).toList()));

		assertThat(policies).containsExactly(
				Map.entry("frontend", "{app=frontend} [Ingress, Egress] in [anyone [8080/TCP]]"
						+ " out [[{app=quote}, {app=time}] [8080/TCP], anyone [53/UDP, 53/TCP]]"),
				Map.entry("quote", "{app=quote} [Ingress, Egress] in [[{app=frontend}] [8080/TCP]] out [anyone [53/UDP, 53/TCP]]"),
				Map.entry("time", "{app=time} [Ingress, Egress] in [[{app=frontend}] [8080/TCP]] out [anyone [53/UDP, 53/TCP]]"));
		for (String name : Project.SERVICES) {
			assertThat(this.app.podLabels(name)).as("the pods of %s", name).containsEntry("app", name);
			assertThat(this.app.containerPort(name, new IntOrString("http"))).as("the http port of %s", name).isEqualTo(8080);
		}
	}

	/** Pod selectors, and whatever else a peer names (namespaces or an address block: none wanted). */
	private static Object peers(List<NetworkPolicyPeer> peers) {
		return (peers == null || peers.isEmpty()) ? "anyone" : peers.stream().map((peer) -> selector(peer.getPodSelector())
				+ ((peer.getNamespaceSelector() != null) ? " namespaces " + selector(peer.getNamespaceSelector()) : "")
				+ ((peer.getIpBlock() != null) ? " addresses " + peer.getIpBlock().getCidr() : "")).toList();
	}

	private static String selector(LabelSelector selector) {
		return (selector == null) ? "no pods" : selector.getMatchLabels()
				+ ((selector.getMatchExpressions().isEmpty()) ? "" : " " + selector.getMatchExpressions());
	}

	/** Each port as {@code 53/UDP}, a range as {@code 53-60/UDP}, every port as {@code all/UDP}. */
	private static List<String> ports(List<NetworkPolicyPort> ports) {
		return ((ports != null) ? ports : List.<NetworkPolicyPort>of()).stream()
			.map((port) -> ((port.getPort() != null) ? port.getPort().getValue() : "all")
					+ ((port.getEndPort() != null) ? "-" + port.getEndPort() : "") + "/" + port.getProtocol())
			.toList();
	}

	private static List<JsonNode> documents(Path kustomization) {
		try (MappingIterator<JsonNode> values = yaml.readerFor(JsonNode.class).readValues(Manifests.kustomize(kustomization))) {
			return values.readAll();
		}
	}

}
