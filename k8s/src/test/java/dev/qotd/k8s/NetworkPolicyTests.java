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
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
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

	/** Once; before each test, so that each reports a missing kubectl. */
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
		List<JsonNode> policies = withPolicies.stream().filter((each) -> kind(each).equals("NetworkPolicy")).toList();
		List<JsonNode> delays = withPolicies.stream()
			.filter((object) -> kind(object).equals("Deployment"))
			.map((deployment) -> deployment.at("/spec/template/spec/containers/0/readinessProbe"))
			.map((probe) -> ((ObjectNode) probe).remove("initialDelaySeconds"))
			.toList();

		assertThat(policies).extracting((policy) -> policy.at("/metadata/name").asString())
			.containsExactlyInAnyOrder("quote", "time", "frontend");
		assertThat(delays).as("seconds before a pod may be ready: kube-router admits a new pod within about 5")
			.extracting(JsonNode::asInt)
			.containsExactly(10, 10, 10);
		assertThat(withPolicies.stream().filter((object) -> !policies.contains(object)))
			.as("everything but the policies, the readiness delays taken out")
			.containsExactlyInAnyOrderElementsOf(documents(this.manifests.resolve("k8s")));
	}

	/** What K3sClusterIT applies to change the quotes changes the ConfigMap only: no pod template, so no pod rolls. */
	@Test
	void theChangedQuotesOfTheClusterTestsDifferInTheConfigMapOnly() {
		List<JsonNode> changed = documents(this.manifests.resolve("changed-quotes"));
		List<JsonNode> deployed = documents(this.manifests.resolve("with-policies"));

		assertThat(changed).filteredOn((object) -> !kind(object).equals("ConfigMap"))
			.hasSize(10)
			.containsExactlyInAnyOrderElementsOf(deployed.stream().filter((object) -> !kind(object).equals("ConfigMap"))
				.toList());
		assertThat(changed).filteredOn((object) -> kind(object).equals("ConfigMap"))
			.singleElement()
			.satisfies((quotes) -> assertThat(quotes.at("/data/quotes.txt").asString()).contains("Proved on k3s"));
	}

	/** Each policy read back as: the pods it guards, then each rule's peers and ports. */
	@Test
	void thePoliciesLetThroughWhatTheAppNeedsAndNothingElse() {
		Map<String, String> policies = new TreeMap<>();
		for (NetworkPolicy policy : this.app.all(NetworkPolicy.class)) {
			NetworkPolicySpec spec = policy.getSpec();
			policies.put(policy.getMetadata().getName(), selector(spec.getPodSelector()) + " " + spec.getPolicyTypes()
					+ " in " + spec.getIngress().stream().map((rule) -> rule(rule.getFrom(), rule.getPorts())).toList()
					+ " out " + spec.getEgress().stream().map((rule) -> rule(rule.getTo(), rule.getPorts())).toList());
		}
		String dns = "anyone [53/UDP, 53/TCP]";

		assertThat(policies).containsExactly(
				Map.entry("frontend", "{app=frontend} [Ingress, Egress] in [anyone [8080/TCP]]"
						+ " out [[{app=quote}, {app=time}] [8080/TCP], " + dns + "]"),
				Map.entry("quote", "{app=quote} [Ingress, Egress] in [[{app=frontend}] [8080/TCP]] out [" + dns + "]"),
				Map.entry("time", "{app=time} [Ingress, Egress] in [[{app=frontend}] [8080/TCP]] out [" + dns + "]"));
		for (String name : Project.SERVICES) {
			assertThat(this.app.podLabels(name)).as("the pods of %s", name).containsEntry("app", name);
			assertThat(this.app.containerPort(name, new IntOrString("http"))).as("%s's port", name).isEqualTo(8080);
		}
	}

	/** A rule's peers (pods, and whatever else they name: none wanted) and ports ({@code 53/UDP}). */
	private static String rule(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {
		Object from = (peers == null || peers.isEmpty()) ? "anyone" : peers.stream()
			.map((peer) -> selector(peer.getPodSelector())
					+ ((peer.getNamespaceSelector() != null) ? " in " + selector(peer.getNamespaceSelector()) : "")
					+ ((peer.getIpBlock() != null) ? " addresses " + peer.getIpBlock().getCidr() : ""))
			.toList();
		return from + " " + ((ports != null) ? ports : List.<NetworkPolicyPort>of()).stream()
			.map((port) -> ((port.getPort() != null) ? port.getPort().getValue() : "all")
					+ ((port.getEndPort() != null) ? "-" + port.getEndPort() : "") + "/" + port.getProtocol())
			.toList();
	}

	private static String selector(LabelSelector selector) {
		return (selector == null) ? "no pods" : selector.getMatchLabels()
				+ (selector.getMatchExpressions().isEmpty() ? "" : " " + selector.getMatchExpressions());
	}

	private static String kind(JsonNode object) {
		return object.path("kind").asString();
	}

	private static List<JsonNode> documents(Path kustomization) {
		String rendered = Manifests.kustomize(kustomization);
		try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(rendered)) {
			return documents.readAll();
		}
	}

}
