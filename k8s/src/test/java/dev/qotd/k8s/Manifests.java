package dev.qotd.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Kubernetes objects as {@code kubectl kustomize} renders them (the kustomize that
 * {@code kubectl apply -k} runs), read into the API's typed model (fabric8) and checked
 * against its schema: a kind the app does not deploy, a value of the wrong type, or a field
 * the API does not have at that place is an {@link IllegalArgumentException} naming each.
 */
record Manifests(List<HasMetadata> objects) {

	/** What the app deploys, by apiVersion/kind: anything else is a mistake. */
	private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of("v1/ConfigMap", ConfigMap.class,
			"v1/Service", Service.class, "apps/v1/Deployment", Deployment.class, "policy/v1/PodDisruptionBudget",
			PodDisruptionBudget.class, "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

	/**
	 * Like the API server: "2" is no number and "true" no boolean, and a field the API does not
	 * have at that place is reported, not kept (fabric8 would keep it in additionalProperties).
	 */
	private static ObjectMapper yaml(List<String> unknownFields) {
		return YAMLMapper.builder()
			.withCoercionConfigDefaults((config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
			.annotationIntrospector(new JacksonAnnotationIntrospector() {

				@Override
				public Boolean hasAnySetter(MapperConfig<?> config, Annotated annotated) {
					return false;
				}

			})
			.addHandler(new DeserializationProblemHandler() {

				@Override
				public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
						ValueDeserializer<?> deserializer, Object bean, String field) {
					String pointer = parser.streamReadContext().pathAsPointer().toString();
					unknownFields.add(pointer.replaceAll("/([0-9]+)", "[$1]").replace('/', '.'));
					parser.skipChildren();
					return true;
				}

			})
			.build();
	}

	/** Renders and reads the kustomization in {@code directory}; skips the calling test without kubectl. */
	static Manifests render(Path directory) {
		return read(kustomize(directory));
	}

	static String kustomize(Path directory) {
		try {
			Process process = new ProcessBuilder("kubectl", "kustomize", directory.toString()).redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (process.waitFor() != 0) {
				throw new AssertionError("kubectl kustomize " + directory + " failed: " + output);
			}
			return output;
		}
		catch (IOException ex) {
			assumeTrue(false, "kubectl is not on the PATH: the manifests are not checked (install kubectl 1.27+)");
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			throw new AssertionError("Interrupted while rendering " + directory, ex);
		}
	}

	/** Reads every document of {@code yamlStream} and checks it against the schema. */
	static Manifests read(String yamlStream) {
		List<HasMetadata> objects = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		List<String> unknownFields = new ArrayList<>();
		ObjectMapper yaml = yaml(unknownFields);
		try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(yamlStream)) {
			for (int index = 1; documents.hasNextValue(); index++) {
				JsonNode document = documents.nextValue();
				String name = "document " + index + " (" + document.path("kind").asString("no kind") + " "
						+ document.path("metadata").path("name").asString("without a name") + ")";
				String type = document.path("apiVersion").asString("") + "/" + document.path("kind").asString("");
				if (!TYPES.containsKey(type)) {
					problems.add(name + ": apiVersion/kind " + type + " is none of " + TYPES.keySet());
					continue;
				}
				try {
					unknownFields.clear();
					objects.add(yaml.treeToValue(document, TYPES.get(type)));
					unknownFields.forEach((field) -> problems.add(name + ": " + field + " is not a field of the API"));
				}
				catch (JacksonException ex) {
					problems.add(name + ": " + ex.getOriginalMessage() + " at " + ex.getPathReference());
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException(String.join("\n", problems));
		}
		return new Manifests(objects);
	}

	<T extends HasMetadata> List<T> all(Class<T> type) {
		return this.objects.stream().filter(type::isInstance).map(type::cast).toList();
	}

	<T extends HasMetadata> T named(Class<T> type, String name) {
		return all(type).stream().filter((object) -> object.getMetadata().getName().equals(name)).findFirst()
			.orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " " + name));
	}

	Deployment deployment(String name) {
		return named(Deployment.class, name);
	}

	/** The container of {@code deployment}'s pods: they have one (ManifestConsistencyTests). */
	Container container(String deployment) {
		return deployment(deployment).getSpec().getTemplate().getSpec().getContainers().get(0);
	}

	Map<String, String> podLabels(String deployment) {
		return deployment(deployment).getSpec().getTemplate().getMetadata().getLabels();
	}

	Volume volume(String deployment, String name) {
		return deployment(deployment).getSpec().getTemplate().getSpec().getVolumes().stream()
			.filter((volume) -> volume.getName().equals(name)).findFirst()
			.orElseThrow(() -> new AssertionError(deployment + " has no volume " + name));
	}

	/** The number of the port of {@code deployment}'s container that {@code port}, a name or a number, means. */
	int containerPort(String deployment, IntOrString port) {
		return container(deployment).getPorts().stream()
			.filter((each) -> (port.getIntVal() != null) ? port.getIntVal().equals(each.getContainerPort())
					: port.getStrVal().equals(each.getName()))
			.map(ContainerPort::getContainerPort).findFirst()
			.orElseThrow(() -> new AssertionError(deployment + " has no port " + port));
	}

}
