package dev.qotd.k8s;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** The objects of the app, as a kustomization renders them, looked up by name. */
record App(List<HasMetadata> objects) {

	/** Renders and reads {@code k8s/}; skips the calling test where kubectl is missing. */
	static App render() {
		return new App(KubernetesObjects.read(Kubectl.kustomize(Project.manifests())));
	}

	<T extends HasMetadata> T named(Class<T> type, String name) {
		return this.objects.stream()
			.filter(type::isInstance)
			.map(type::cast)
			.filter((object) -> object.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " " + name));
	}

	Deployment deployment(String name) {
		return named(Deployment.class, name);
	}

	/** The one container of {@code deployment}'s pods. */
	Container container(String deployment) {
		List<Container> containers = deployment(deployment).getSpec().getTemplate().getSpec().getContainers();
		if (containers.size() != 1) {
			throw new AssertionError(deployment + " has " + containers.size() + " containers, not one");
		}
		return containers.get(0);
	}

	Map<String, String> podLabels(String deployment) {
		return deployment(deployment).getSpec().getTemplate().getMetadata().getLabels();
	}

	Volume volume(String deployment, String name) {
		return deployment(deployment).getSpec()
			.getTemplate()
			.getSpec()
			.getVolumes()
			.stream()
			.filter((volume) -> volume.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError(deployment + " has no volume " + name));
	}

	/** The number of the port of {@code deployment}'s container that {@code port} (a name or a number) means. */
	int containerPort(String deployment, IntOrString port) {
		Container container = container(deployment);
		return container.getPorts()
			.stream()
			.filter((each) -> (port.getIntVal() != null) ? port.getIntVal().equals(each.getContainerPort())
					: port.getStrVal().equals(each.getName()))
			.map(ContainerPort::getContainerPort)
			.findFirst()
			.orElseThrow(() -> new AssertionError(container.getName() + " has no port " + port));
	}

}
