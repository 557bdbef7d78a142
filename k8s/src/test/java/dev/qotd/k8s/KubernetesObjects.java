package dev.qotd.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Kubernetes objects read from YAML into the API's typed model (fabric8), checked against
 * the API's schema: an object of a kind the app does not deploy, a value of the wrong type,
 * or a field that the API does not have at that place is an {@link InvalidManifestException}.
 */
final class KubernetesObjects {

	/** What the app deploys, by apiVersion/kind: anything else is a mistake. */
	private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of(
			"v1/ConfigMap", ConfigMap.class,
			"v1/Service", Service.class,
			"apps/v1/Deployment", Deployment.class,
			"policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
			"networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

	/** Like the API server: "2" is no number and "true" no boolean. */
	private static final ObjectMapper yaml = YAMLMapper.builder()
		.withCoercionConfig(LogicalType.Integer, (config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
		.withCoercionConfig(LogicalType.Float, (config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
		.withCoercionConfig(LogicalType.Boolean, (config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
		.build();

	private KubernetesObjects() {
	}

	/**
	 * Reads every document of {@code yamlStream} (as {@code kubectl kustomize} prints
	 * them) and checks it against the schema.
	 * @throws InvalidManifestException naming every problem found
	 */
	static List<HasMetadata> read(String yamlStream) {
		List<HasMetadata> objects = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(yamlStream)) {
			int index = 0;
			while (documents.hasNextValue()) {
				JsonNode document = documents.nextValue();
				index++;
				if (document == null || document.isNull() || document.isMissingNode()) {
					continue;
				}
				String name = "document " + index + " (" + document.path("kind").asString("no kind") + " "
						+ document.path("metadata").path("name").asString("without a name") + ")";
				String type = document.path("apiVersion").asString("") + "/" + document.path("kind").asString("");
				Class<? extends HasMetadata> javaType = TYPES.get(type);
				if (javaType == null) {
					problems.add(name + ": apiVersion/kind " + type + " is none of " + TYPES.keySet());
					continue;
				}
				try {
					HasMetadata object = yaml.treeToValue(document, javaType);
					UnknownFields.in(object)
						.forEach((field) -> problems.add(name + ": " + field + " is not a field of the Kubernetes API"));
					objects.add(object);
				}
				catch (JacksonException ex) {
					problems.add(name + ": " + ex.getOriginalMessage() + " at " + ex.getPathReference());
				}
			}
		}
		catch (JacksonException ex) {
			throw new InvalidManifestException(List.of("not YAML: " + ex.getOriginalMessage()));
		}
		if (!problems.isEmpty()) {
			throw new InvalidManifestException(problems);
		}
		return objects;
	}

	static final class InvalidManifestException extends RuntimeException {

		private final List<String> problems;

		InvalidManifestException(List<String> problems) {
			super(String.join(System.lineSeparator(), problems));
			this.problems = List.copyOf(problems);
		}

		List<String> problems() {
			return this.problems;
		}

	}

}
