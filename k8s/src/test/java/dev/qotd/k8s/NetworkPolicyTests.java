package dev.qotd.k8s;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The network policies let through what the app needs and nothing else: anyone to the
 * frontend, only the frontend to quote and time, every pod to the cluster DNS and nowhere else
 * in kube-system.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkPolicyTests {

	private App app;

	/** Once per class; before each test, so that every test reports a missing kubectl. */
	@BeforeEach
	void render() {
		if (this.app == null) {
			this.app = App.render();
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
			assertThat(ports(rule.getPorts())).containsExactly(tuple(httpPort(name), "TCP"));
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
			assertThat(ports(rule.getPorts())).containsExactly(tuple(httpPort("frontend"), "TCP"));
		});
	}

	@Test
	void frontendCallsQuoteTimeAndDns() {
		List<NetworkPolicyEgressRule> egress = policy("frontend").getSpec().getEgress();

		assertThat(egress).hasSize(2);
		assertThat(egress).filteredOn((rule) -> rule.getTo().stream().allMatch((peer) -> peer.getNamespaceSelector() == null))
			.singleElement()
			.satisfies((rule) -> {
				assertThat(rule.getTo()).extracting((peer) -> peer.getPodSelector().getMatchLabels())
					.containsExactlyInAnyOrder(Map.of("app", "quote"), Map.of("app", "time"));
				assertThat(ports(rule.getPorts())).containsExactly(tuple(httpPort("quote"), "TCP"));
				assertThat(httpPort("time")).isEqualTo(httpPort("quote"));
			});
		assertThat(egress).filteredOn((rule) -> rule.getTo().stream().anyMatch((peer) -> peer.getNamespaceSelector() != null))
			.singleElement()
			.satisfies(this::assertDns);
	}

	private void assertDns(NetworkPolicyEgressRule rule) {
		assertThat(rule.getTo()).singleElement().satisfies((NetworkPolicyPeer peer) -> {
			assertThat(peer.getNamespaceSelector().getMatchLabels())
				.containsExactly(Map.entry("kubernetes.io/metadata.name", "kube-system"));
			// CoreDNS's label in kubeadm, k3s, kind, minikube and the managed clusters alike
			assertThat(peer.getPodSelector().getMatchLabels()).containsExactly(Map.entry("k8s-app", "kube-dns"));
		});
		assertThat(ports(rule.getPorts())).containsExactlyInAnyOrder(tuple(53, "UDP"), tuple(53, "TCP"));
	}

	private static List<Tuple> ports(List<NetworkPolicyPort> ports) {
		return ports.stream().map((port) -> tuple(port.getPort().getIntVal(), port.getProtocol())).toList();
	}

	private int httpPort(String deployment) {
		return this.app.containerPort(deployment, new IntOrString("http"));
	}

	private NetworkPolicy policy(String name) {
		return this.app.named(NetworkPolicy.class, name);
	}

}
