package dev.qotd.k8s;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What {@code kubectl apply -k k8s} deploys fits together and fits the services: the
 * contract's objects, Services that reach their pods' port, probes and variables the services
 * answer and read, the quotes file in the mounted ConfigMap, the images Jib builds, and pods
 * that run hardened, sized and shut down gracefully.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManifestConsistencyTests {

	private Manifests app;

	private Properties serviceDefaults;

	/** Once; before each test, so that each reports a missing kubectl. */
	@BeforeEach
	void render() {
		if (this.app == null) {
			this.app = Manifests.render(Project.manifests());
			this.serviceDefaults = Project.serviceDefaults();
		}
	}

	@Test
	void deploysExactlyTheObjectsOfTheContractInWhateverNamespaceItIsAppliedTo() {
		assertThat(this.app.objects()).extracting((object) -> object.getKind() + " " + object.getMetadata().getName())
			.containsExactlyInAnyOrder("Deployment quote", "Deployment time", "Deployment frontend",
					"Service quote-svc", "Service time-svc", "Service frontend-svc", "ConfigMap quotes",
					"PodDisruptionBudget quote");
		assertThat(this.app.objects()).allSatisfy((object) -> assertThat(object.getMetadata().getNamespace())
			.as("namespace of %s %s", object.getKind(), object.getMetadata().getName())
			.isNull());
		assertThat(Project.SERVICES.stream().flatMap((name) -> this.app.container(name).getEnv().stream()))
			.allSatisfy((variable) -> assertThat(String.valueOf(variable.getValue())).doesNotContain(".svc"))
			.extracting(EnvVar::getName)
			.as("the frontend's defaults are the contract's Service names")
			.doesNotContain("QUOTE_SERVICE_URL", "TIME_SERVICE_URL");
	}

	@ParameterizedTest
	@CsvSource({ "quote, 2, quote-service", "time, 1, time-service", "frontend, 1, frontend-service" })
	void deploymentsRunTheContractsReplicasWithTheirPodLabels(String name, int replicas, String application) {
		var deployment = this.app.deployment(name);

		assertThat(deployment.getSpec().getReplicas()).isEqualTo(replicas);
		assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).as("containers").hasSize(1);
		assertThat(deployment.getSpec().getSelector().getMatchLabels()).containsExactly(Map.entry("app", name));
		assertThat(this.app.podLabels(name)).containsEntry("app", name)
			.containsEntry("app.kubernetes.io/name", application)
			.containsEntry("app.kubernetes.io/part-of", "qotd")
			.hasEntrySatisfying("app.kubernetes.io/component", (component) -> assertThat(component).isNotBlank());
		assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable())
			.as("pods taken down before their replacement is ready")
			.isEqualTo(new IntOrString(0));
	}

	@ParameterizedTest
	@CsvSource({ "quote-svc, quote, ClusterIP", "time-svc, time, ClusterIP", "frontend-svc, frontend, NodePort" })
	void servicesSendPort80ToTheirPodsHttpPort(String name, String deployment, String type) {
		Service service = this.app.named(Service.class, name);
		Map<String, String> selector = service.getSpec().getSelector();

		assertThat(service.getSpec().getType()).isEqualTo(type);
		assertThat(Project.SERVICES)
			.filteredOn((each) -> this.app.podLabels(each).entrySet().containsAll(selector.entrySet()))
			.as("deployments whose pods %s selects", name)
			.containsExactly(deployment);
		// A throwaway client labelled app=frontend (the policies admit it) must get none of the NodePort's traffic.
		assertThat(Map.of("app", deployment).entrySet().containsAll(selector.entrySet()))
			.as("%s (selector %s) selects a pod labelled only app=%s", name, selector, deployment)
			.isEqualTo(!name.equals("frontend-svc"));
		assertThat(service.getSpec().getPorts()).singleElement().satisfies((port) -> {
			assertThat(port.getPort()).isEqualTo(80);
			assertThat(port.getProtocol()).isEqualTo("TCP");
			assertThat(this.app.containerPort(deployment, port.getTargetPort())).isEqualTo(8080);
			assertThat(port.getNodePort()).as("nodePort").isEqualTo(type.equals("NodePort") ? 31080 : null);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "quote", "time", "frontend" })
	void probesAskTheHealthGroupsOnThePortTheServicesListenOn(String name) {
		var container = this.app.container(name);
		int serverPort = Integer.parseInt(this.serviceDefaults.getProperty("server.port"));

		assertThat(container.getPorts()).singleElement().satisfies((port) -> {
			assertThat(port.getName()).isEqualTo("http");
			assertThat(port.getContainerPort()).isEqualTo(serverPort);
		});
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
	@ValueSource(strings = { "quote", "time", "frontend" })
	void podsRunTheImageJibBuildsKnowTheirIdentityAndSetOnlyVariablesTheServiceReads(String name) {
		assertThat(Project.buildProperty("image.tag")).isEqualTo("${project.version}");
		assertThat(Project.buildProperty("image.prefix")).as("no registry in the default names").isEmpty();
		assertThat(this.app.container(name).getImage()).isEqualTo(name + "-service:" + Project.version());
		assertThat(this.app.container(name).getImagePullPolicy()).isEqualTo("IfNotPresent");
		assertThat(this.app.container(name).getEnv()).filteredOn((variable) -> variable.getValueFrom() != null)
			.extracting(EnvVar::getName, (variable) -> variable.getValueFrom().getFieldRef().getFieldPath())
			.containsExactlyInAnyOrder(tuple("POD_NAME", "metadata.name"), tuple("POD_IP", "status.podIP"),
					tuple("NODE_NAME", "spec.nodeName"));
		assertThat(this.app.container(name).getEnv()).extracting(EnvVar::getName)
			.allSatisfy((variable) -> assertThat(Project.reads(name, variable))
				.as("%s-service or service-support reads %s", name, variable)
				.isTrue());
	}

	@Test
	void quotesFileIsInTheMountedConfigMapAndHoldsQuotes() {
		var container = this.app.container("quote");
		String quotesFile = container.getEnv().stream().filter((variable) -> variable.getName().equals("QUOTES_FILE"))
			.map(EnvVar::getValue).findFirst().orElseThrow(() -> new AssertionError("quote sets no QUOTES_FILE"));
		var mount = container.getVolumeMounts().stream()
			.filter((each) -> quotesFile.startsWith(each.getMountPath() + "/")).findFirst()
			.orElseThrow(() -> new AssertionError("No volume is mounted where QUOTES_FILE=" + quotesFile + " is"));
		var volume = this.app.volume("quote", mount.getName());
		ConfigMap configMap = this.app.named(ConfigMap.class, volume.getConfigMap().getName());
		String quotes = configMap.getData().get(quotesFile.substring(mount.getMountPath().length() + 1));

		assertThat(mount.getSubPath()).as("a subPath mount never sees ConfigMap updates").isNull();
		assertThat(mount.getReadOnly()).isTrue();
		assertThat(volume.getConfigMap().getItems()).as("items would hide keys").isNullOrEmpty();
		assertThat(configMap.getMetadata().getName()).as("fixed: updates reach the running pods").isEqualTo("quotes");
		assertThat(quotes).as("the file QUOTES_FILE names").isNotNull();
		// The walkthrough's format: one double-quoted quote a line, blank lines ignored.
		List<String> lines = quotes.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
		assertThat(lines).isNotEmpty()
			.allSatisfy((line) -> assertThat(line).matches("\"\\s*[^\\s\"].*\"").hasSizeLessThanOrEqualTo(1002));
	}

	@ParameterizedTest
	@ValueSource(strings = { "quote", "time", "frontend" })
	void podsRunHardenedSizedAndShutDownGracefully(String name) {
		var pod = this.app.deployment(name).getSpec().getTemplate().getSpec();
		var podContext = pod.getSecurityContext();
		var context = this.app.container(name).getSecurityContext();
		Map<String, Quantity> requests = this.app.container(name).getResources().getRequests();
		Quantity memoryLimit = this.app.container(name).getResources().getLimits().get("memory");
		long preStopSeconds = this.app.container(name).getLifecycle().getPreStop().getSleep().getSeconds();
		String shutdownPhase = this.serviceDefaults.getProperty("spring.lifecycle.timeout-per-shutdown-phase");

		assertThat(first(context.getRunAsNonRoot(), podContext.getRunAsNonRoot())).isTrue();
		assertThat(first(context.getRunAsUser(), podContext.getRunAsUser())).isNotZero()
			.isEqualTo(Long.valueOf(Project.buildProperty("image.user")));
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
		assertThat(this.app.container(name).getVolumeMounts()).filteredOn((each) -> each.getMountPath().equals("/tmp"))
			.singleElement()
			.satisfies((tmp) -> assertThat(this.app.volume(name, tmp.getName()).getEmptyDir()).as("/tmp").isNotNull());
		assertThat(requests).containsKeys("cpu", "memory");
		assertThat(Quantity.getAmountInBytes(memoryLimit))
			.isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("memory")));
		Path launcher = Project.directory().resolve("local-run/src/main/java/dev/qotd/localrun/ServiceProcess.java");
		assertThat(Project.text(launcher))
			.as("./run-local sizes each JVM as its pod: -XX:MaxRAM is the pods' memory limit")
			.contains("\"-XX:MaxRAM=%dm\"".formatted(Quantity.getAmountInBytes(memoryLimit).longValue() >> 20));
		assertThat(this.serviceDefaults).containsEntry("server.shutdown", "graceful");
		assertThat(preStopSeconds).as("seconds for kube-proxy to stop sending requests").isBetween(1L, 15L);
		assertThat(pod.getTerminationGracePeriodSeconds()).as("termination grace period, seconds")
			.isGreaterThanOrEqualTo(preStopSeconds + Duration.parse("PT" + shutdownPhase).toSeconds() + 5);
	}

	@Test
	void aNodeDrainLeavesOneQuotePodServing() {
		var budget = this.app.named(PodDisruptionBudget.class, "quote").getSpec();
		var quote = this.app.deployment("quote").getSpec();

		// Not merely labels the pods carry: an empty selector would cover every pod of the namespace.
		assertThat(budget.getSelector()).isEqualTo(quote.getSelector());
		assertThat(budget.getMinAvailable()).isEqualTo(new IntOrString(1));
		assertThat(budget.getMinAvailable().getIntVal()).isLessThan(quote.getReplicas());
	}

	private static <T> T first(T preferred, T fallback) {
		return (preferred != null) ? preferred : fallback;
	}

}
