package dev.qotd.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The network policies are an opt-in component ({@code k8s/components/network-policies}):
 * {@code k8s/} alone has none, so that the walkthrough's steps work as written, and the
 * component adds the policies and the readiness delay that lets the policies admit a new pod
 * before it gets traffic, nothing else. The policies let through what the app needs and
 * nothing more: anyone to the frontend, only the frontend to quote and time, every pod to DNS:
 * port 53 to any destination, since the DNS server's address differs by cluster.
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

	@Test
	void k8sAloneHasNoPolicyAndNoReadinessDelay() {
		Manifests plain = Manifests.render(this.manifests.resolve("k8s"));

		assertThat(plain.all(NetworkPolicy.class)).isEmpty();
		assertThat(plain.all(Deployment.class)).hasSize(3)
			.allSatisfy((deployment) -> assertThat(
					deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe().getInitialDelaySeconds())
				.as("readiness delay of %s", deployment.getMetadata().getName())
				.isNull());
	}

	/** What README and kustomization.yaml tell users to do: uncomment the component's lines. */
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

	@Test
	void theComponentAddsThePoliciesAndAReadinessDelayOnly() {
		List<JsonNode> withPolicies = documents(this.manifests.resolve("with-policies"));
		List<JsonNode> policies = withPolicies.stream()
			.filter((object) -> object.path("kind").asString().equals("NetworkPolicy"))
			.toList();
		List<JsonNode> delays = withPolicies.stream()
			.filter((object) -> object.path("kind").asString().equals("Deployment"))
			.map((deployment) -> ((ObjectNode) deployment.path("spec").path("template").path("spec").path("containers")
				.get(0).path("readinessProbe")).remove("initialDelaySeconds"))
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

	private static List<JsonNode> documents(Path kustomization) {
		try (MappingIterator<JsonNode> values = yaml.readerFor(JsonNode.class)
			.readValues(Manifests.kustomize(kustomization))) {
			return values.readAll();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "quote", "time", "frontend" })
	void everyPodIsGuardedInBothDirections(String name) {
		NetworkPolicy policy = policy(name);

		assertThat(this.app.podLabels(name)).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
		assertThat(policy.getSpec().getPodSelector().getMatchLabels()).containsExactly(Map.entry("app", name));
		assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
	}

	@ParameterizedTest
	@ValueSource(strings = { "quote", "time" })
	void backendsAcceptOnlyTheFrontendOnTheirHttpPort(String name) {
		NetworkPolicy policy = policy(name);

		assertThat(policy.getSpec().getIngress()).singleElement().satisfies((rule) -> {
			assertThat(rule.getFrom()).singleElement().satisfies((peer) -> {
				assertThat(peer.getPodSelector().getMatchLabels()).containsExactly(Map.entry("app", "frontend"));
				assertThat(peer.getNamespaceSelector()).isNull();
				assertThat(peer.getIpBlock()).isNull();
			});
			assertThat(this.app.podLabels("frontend")).containsEntry("app", "frontend");
			assertThat(ports(rule.getPorts())).containsExactly(httpPort(name) + "/TCP");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "quote", "time" })
	void backendsCallNothingButDns(String name) {
		assertThat(policy(name).getSpec().getEgress()).singleElement().satisfies(this::assertDns);
	}

	@Test
	void frontendAcceptsAnyoneOnItsHttpPort() {
		assertThat(policy("frontend").getSpec().getIngress()).singleElement().satisfies((rule) -> {
			assertThat(rule.getFrom()).as("the NodePort's clients are anywhere").isNullOrEmpty();
			assertThat(ports(rule.getPorts())).containsExactly(httpPort("frontend") + "/TCP");
		});
	}

	@Test
	void frontendCallsQuoteTimeAndDns() {
		List<NetworkPolicyEgressRule> egress = policy("frontend").getSpec().getEgress();

		assertThat(egress).hasSize(2);
		assertThat(egress).filteredOn((rule) -> isNullOrEmpty(rule.getTo())).singleElement().satisfies(this::assertDns);
		assertThat(egress).filteredOn((rule) -> !isNullOrEmpty(rule.getTo())).singleElement().satisfies((rule) -> {
			assertThat(rule.getTo()).allSatisfy((NetworkPolicyPeer peer) -> {
				assertThat(peer.getNamespaceSelector()).isNull();
				assertThat(peer.getIpBlock()).isNull();
			});
			assertThat(rule.getTo()).extracting((peer) -> peer.getPodSelector().getMatchLabels())
				.containsExactlyInAnyOrder(Map.of("app", "quote"), Map.of("app", "time"));
			assertThat(ports(rule.getPorts())).containsExactly(httpPort("quote") + "/TCP");
			assertThat(httpPort("time")).isEqualTo(httpPort("quote"));
		});
	}

	private void assertDns(NetworkPolicyEgressRule rule) {
		assertThat(rule.getTo()).as("DNS to any destination: the server's address differs by cluster").isNullOrEmpty();
		assertThat(ports(rule.getPorts())).containsExactlyInAnyOrder("53/UDP", "53/TCP");
	}

	private static boolean isNullOrEmpty(List<?> list) {
		return list == null || list.isEmpty();
	}

	/** Each port as {@code 53/UDP}, a range as {@code 53-60/UDP}, every port as {@code all/UDP}; none for no list. */
	private static List<String> ports(List<NetworkPolicyPort> ports) {
		return ((ports != null) ? ports : List.<NetworkPolicyPort>of()).stream()
			.map((port) -> Objects.toString((port.getPort() != null) ? port.getPort().getValue() : null, "all")
					+ ((port.getEndPort() != null) ? "-" + port.getEndPort() : "") + "/" + port.getProtocol())
			.toList();
	}

	private int httpPort(String deployment) {
		return this.app.containerPort(deployment, new IntOrString("http"));
	}

	private NetworkPolicy policy(String name) {
		return this.app.named(NetworkPolicy.class, name);
	}

}
