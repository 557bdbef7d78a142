package dev.qotd.k8s;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What {@code kubectl apply -k k8s} deploys fits together and fits the services: the
 * contract's objects, Services that reach their pods' port, probes and variables the
 * services answer and read, the quotes file in the mounted ConfigMap, the images that Jib
 * builds, and pods that run hardened, sized and shut down gracefully.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManifestConsistencyTests {

	private static final String HTTP_PORT = "http";

	private Manifests app;

	private Properties serviceDefaults;

	/** Once per class; before each test, so that every test reports a missing kubectl. */
	@BeforeEach
	void render() {
		if (this.app == null) {
			this.app = Manifests.render(Project.manifests());
			this.serviceDefaults = Project.serviceDefaults();
		}
	}

	static Stream<String> deployments() {
		return Project.SERVICES.stream();
	}

	@Test
	void deploysExactlyTheObjectsOfTheContract() {
		assertThat(this.app.objects()).extracting((object) -> object.getKind() + " " + object.getMetadata().getName())
			.containsExactlyInAnyOrder("Deployment quote", "Deployment time", "Deployment frontend",
					"Service quote-svc", "Service time-svc", "Service frontend-svc", "ConfigMap quotes",
					"PodDisruptionBudget quote");
	}

	@Test
	void worksInWhateverNamespaceItIsAppliedTo() {
		assertThat(this.app.objects()).allSatisfy((object) -> assertThat(object.getMetadata().getNamespace())
			.as("namespace of %s %s", object.getKind(), object.getMetadata().getName())
			.isNull());
		assertThat(deployments().map(this.app::container).flatMap((container) -> container.getEnv().stream()))
			.allSatisfy((variable) -> assertThat(variable.getValue()).as(variable.getName())
				.satisfiesAnyOf((value) -> assertThat(value).isNull(),
						(value) -> assertThat(value).doesNotContain(".svc")));
	}

	@ParameterizedTest
	@CsvSource({ "quote, 2, quote-service", "time, 1, time-service", "frontend, 1, frontend-service" })
	void deploymentsRunTheContractsReplicasWithTheirPodLabels(String name, int replicas, String application) {
		Deployment deployment = this.app.deployment(name);
		Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

		assertThat(deployment.getSpec().getReplicas()).isEqualTo(replicas);
		assertThat(deployment.getSpec().getSelector().getMatchLabels()).containsExactly(Map.entry("app", name));
		assertThat(podLabels).containsEntry("app", name)
			.containsEntry("app.kubernetes.io/name", application)
			.containsEntry("app.kubernetes.io/part-of", "qotd")
			.hasEntrySatisfying("app.kubernetes.io/component", (component) -> assertThat(component).isNotBlank());
		assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable())
			.as("pods taken down before their replacement is ready")
			.isEqualTo(new IntOrString(0));
	}

	@Test
	void aClientPodLabelledAsTheFrontendIsNoEndpointOfTheNodePort() {
		// kubectl run curl --labels=app=frontend: admitted by the policies, but it serves nothing.
		Map<String, String> throwawayClient = Map.of("app", "frontend");
		Map<String, String> selector = this.app.named(Service.class, "frontend-svc").getSpec().getSelector();
		assertThat(throwawayClient.entrySet().containsAll(selector.entrySet()))
			.as("frontend-svc (selector %s) selects a pod labelled only app=frontend", selector)
			.isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "quote-svc, quote, ClusterIP", "time-svc, time, ClusterIP", "frontend-svc, frontend, NodePort" })
	void servicesSendPort80ToTheirPodsHttpPort(String name, String deployment, String type) {
		Service service = this.app.named(Service.class, name);
		Map<String, String> selector = service.getSpec().getSelector();

		assertThat(service.getSpec().getType()).isEqualTo(type);
		assertThat(deployments()).filteredOn((each) -> this.app.podLabels(each).entrySet().containsAll(selector.entrySet()))
			.as("deployments whose pods %s selects", name)
			.containsExactly(deployment);
		assertThat(service.getSpec().getPorts()).singleElement().satisfies((port) -> {
			assertThat(port.getPort()).isEqualTo(80);
			assertThat(port.getProtocol()).isEqualTo("TCP");
			assertThat(this.app.containerPort(deployment, port.getTargetPort())).isEqualTo(8080);
		});
	}

	@Test
	void frontendIsReachableOnEveryNodeAtPort31080() {
		ServicePort port = this.app.named(Service.class, "frontend-svc").getSpec().getPorts().get(0);

		assertThat(port.getNodePort()).isEqualTo(31080).isBetween(30000, 32767);
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void containersListenWhereTheServicesListen(String name) {
		assertThat(this.app.container(name).getPorts()).singleElement().satisfies((port) -> {
			assertThat(port.getName()).isEqualTo(HTTP_PORT);
			assertThat(port.getContainerPort()).isEqualTo(Integer.valueOf(this.serviceDefaults.getProperty("server.port")));
		});
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void probesAskTheActuatorHealthGroupsThatTheServicesExpose(String name) {
		Container container = this.app.container(name);

		assertThat(this.serviceDefaults).containsEntry("management.endpoint.health.probes.enabled", "true");
		assertThat(this.serviceDefaults.getProperty("management.endpoints.web.exposure.include")).contains("health");
		assertProbe(name, container.getStartupProbe(), "/actuator/health/liveness");
		assertProbe(name, container.getLivenessProbe(), "/actuator/health/liveness");
		assertProbe(name, container.getReadinessProbe(), "/actuator/health/readiness");
		assertThat(container.getStartupProbe().getPeriodSeconds() * container.getStartupProbe().getFailureThreshold())
			.as("seconds a slow start may take").isGreaterThanOrEqualTo(60);
	}

	private void assertProbe(String deployment, Probe probe, String path) {
		assertThat(probe).as("probe on %s", path).isNotNull();
		assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
		assertThat(this.app.containerPort(deployment, probe.getHttpGet().getPort())).isEqualTo(8080);
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void podsKnowTheirIdentityFromTheDownwardApi(String name) {
		assertThat(this.app.container(name).getEnv())
			.filteredOn((variable) -> variable.getValueFrom() != null)
			.extracting(EnvVar::getName, (variable) -> variable.getValueFrom().getFieldRef().getFieldPath())
			.containsExactlyInAnyOrder(tuple("POD_NAME", "metadata.name"),
					tuple("POD_IP", "status.podIP"),
					tuple("NODE_NAME", "spec.nodeName"));
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void everyVariableIsOneTheServiceReads(String name) {
		assertThat(this.app.container(name).getEnv()).extracting(EnvVar::getName)
			.allSatisfy((variable) -> assertThat(Project.reads(name, variable))
				.as("%s-service or %s reads %s", name, Project.SUPPORT_MODULE, variable)
				.isTrue());
	}

	@Test
	void quotesFileIsInTheMountedConfigMapAndHoldsQuotes() {
		Container container = this.app.container("quote");
		String quotesFile = container.getEnv()
			.stream()
			.filter((variable) -> variable.getName().equals("QUOTES_FILE"))
			.map(EnvVar::getValue)
			.findFirst()
			.orElseThrow(() -> new AssertionError("quote sets no QUOTES_FILE"));
		VolumeMount mount = container.getVolumeMounts()
			.stream()
			.filter((each) -> quotesFile.startsWith(each.getMountPath() + "/"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No volume is mounted where QUOTES_FILE=" + quotesFile + " is"));
		Volume volume = this.app.volume("quote", mount.getName());
		String key = quotesFile.substring(mount.getMountPath().length() + 1);
		ConfigMap configMap = this.app.named(ConfigMap.class, volume.getConfigMap().getName());

		assertThat(mount.getSubPath()).as("a subPath mount never sees ConfigMap updates").isNull();
		assertThat(mount.getReadOnly()).isTrue();
		assertThat(volume.getConfigMap().getItems()).as("items would hide keys").isNullOrEmpty();
		assertThat(configMap.getMetadata().getName()).as("fixed, so that an update reaches the running pods")
			.isEqualTo("quotes");
		assertThat(configMap.getData()).containsKey(key);
		assertThat(quotes(configMap.getData().get(key))).isNotEmpty()
			.allSatisfy((quote) -> assertThat(quote).isNotBlank().hasSizeLessThanOrEqualTo(1000));
	}

	/** The walkthrough's format: one double-quoted quote a line, blank lines ignored. */
	private static List<String> quotes(String text) {
		return text.lines().map(String::strip).filter((line) -> !line.isEmpty()).peek((line) -> assertThat(line)
			.as("a line of the quotes file").startsWith("\"").endsWith("\"").hasSizeGreaterThan(2))
			.map((line) -> line.substring(1, line.length() - 1).strip())
			.toList();
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void containersRunTheImagesThatJibBuildsForThisVersion(String name) {
		Container container = this.app.container(name);

		assertThat(Project.buildProperty("image.tag")).isEqualTo("${project.version}");
		assertThat(Project.buildProperty("image.prefix")).as("no registry in the default names").isEmpty();
		assertThat(container.getImage()).isEqualTo(name + "-service:" + Project.version()).doesNotEndWith(":latest");
		assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void containersRunHardened(String name) {
		PodSpec pod = this.app.deployment(name).getSpec().getTemplate().getSpec();
		PodSecurityContext podContext = pod.getSecurityContext();
		SecurityContext context = this.app.container(name).getSecurityContext();

		assertThat(first(context.getRunAsNonRoot(), podContext.getRunAsNonRoot())).isTrue();
		assertThat(first(context.getRunAsUser(), podContext.getRunAsUser()))
			.isEqualTo(Long.valueOf(Project.buildProperty("image.user")))
			.isNotZero();
		assertThat(first(context.getRunAsGroup(), podContext.getRunAsGroup())).isNotNull().isNotZero();
		assertThat(context.getReadOnlyRootFilesystem()).isTrue();
		assertThat(context.getAllowPrivilegeEscalation()).isFalse();
		assertThat(context.getPrivileged()).isNotEqualTo(Boolean.TRUE);
		assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
		assertThat(context.getCapabilities().getAdd()).isNullOrEmpty();
		assertThat(first(context.getSeccompProfile(), podContext.getSeccompProfile()).getType())
			.isEqualTo("RuntimeDefault");
		assertThat(pod.getAutomountServiceAccountToken()).isFalse();
		assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
		VolumeMount tmp = this.app.container(name).getVolumeMounts()
			.stream()
			.filter((mount) -> mount.getMountPath().equals("/tmp"))
			.findFirst()
			.orElseThrow(() -> new AssertionError(name + " has no writable /tmp"));
		assertThat(this.app.volume(name, tmp.getName()).getEmptyDir()).isNotNull();
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void containersRequestAndLimitResources(String name) {
		Map<String, Quantity> requests = this.app.container(name).getResources().getRequests();
		Map<String, Quantity> limits = this.app.container(name).getResources().getLimits();

		assertThat(requests).containsKeys("cpu", "memory");
		assertThat(limits).containsKey("memory");
		assertThat(bytes(limits.get("memory"))).isGreaterThanOrEqualTo(bytes(requests.get("memory")));
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void podsShutDownGracefully(String name) {
		PodSpec pod = this.app.deployment(name).getSpec().getTemplate().getSpec();
		long preStopSeconds = this.app.container(name).getLifecycle().getPreStop().getSleep().getSeconds();
		Duration shutdownPhase = Duration
			.parse("PT" + this.serviceDefaults.getProperty("spring.lifecycle.timeout-per-shutdown-phase"));

		assertThat(this.serviceDefaults).containsEntry("server.shutdown", "graceful");
		assertThat(preStopSeconds).as("seconds for kube-proxy to stop sending requests").isBetween(1L, 15L);
		assertThat(pod.getTerminationGracePeriodSeconds()).as("termination grace period (seconds)")
			.isGreaterThanOrEqualTo(preStopSeconds + shutdownPhase.toSeconds() + 5);
	}

	@Test
	void aNodeDrainLeavesOneQuotePodServing() {
		PodDisruptionBudget budget = this.app.named(PodDisruptionBudget.class, "quote");

		// Not merely labels the pods carry: an empty selector would cover every pod of the namespace.
		assertThat(budget.getSpec().getSelector()).isEqualTo(this.app.deployment("quote").getSpec().getSelector());
		assertThat(budget.getSpec().getMinAvailable()).isEqualTo(new IntOrString(1));
		assertThat(budget.getSpec().getMinAvailable().getIntVal())
			.isLessThan(this.app.deployment("quote").getSpec().getReplicas());
	}

	private static BigDecimal bytes(Quantity quantity) {
		return Quantity.getAmountInBytes(quantity);
	}

	private static <T> T first(T preferred, T fallback) {
		return (preferred != null) ? preferred : fallback;
	}

}
