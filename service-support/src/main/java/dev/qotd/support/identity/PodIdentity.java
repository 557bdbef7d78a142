package dev.qotd.support.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Function;

import org.springframework.util.StringUtils;

/**
 * Who is answering: the pod name, pod IP and node name that the Kubernetes Downward API
 * hands in as {@code POD_NAME}, {@code POD_IP} and {@code NODE_NAME}; outside a cluster,
 * the host's name and address stand in for them.
 */
public record PodIdentity(String podName, String podIp, String nodeName) {

	public static final String POD_NAME = "POD_NAME";

	public static final String POD_IP = "POD_IP";

	public static final String NODE_NAME = "NODE_NAME";

	/**
	 * Resolves the identity from variables looked up by {@code variables} (the process
	 * environment, or Spring's {@code Environment} so that tests can set them).
	 */
	public static PodIdentity resolve(Function<String, String> variables) {
		String podName = variables.apply(POD_NAME);
		String podIp = variables.apply(POD_IP);
		String nodeName = variables.apply(NODE_NAME);
		if (StringUtils.hasText(podName) && StringUtils.hasText(podIp) && StringUtils.hasText(nodeName)) {
			return new PodIdentity(podName, podIp, nodeName);
		}
		LocalHost host = LocalHost.lookUp(variables.apply("HOSTNAME"));
		return new PodIdentity(StringUtils.hasText(podName) ? podName : host.name(),
				StringUtils.hasText(podIp) ? podIp : host.address(),
				StringUtils.hasText(nodeName) ? nodeName : host.name());
	}

	private record LocalHost(String name, String address) {

		static LocalHost lookUp(String hostnameVariable) {
			try {
				InetAddress local = InetAddress.getLocalHost();
				String name = StringUtils.hasText(hostnameVariable) ? hostnameVariable : local.getHostName();
				return new LocalHost(name, local.getHostAddress());
			}
			catch (UnknownHostException ex) {
				String name = StringUtils.hasText(hostnameVariable) ? hostnameVariable : "localhost";
				return new LocalHost(name, InetAddress.getLoopbackAddress().getHostAddress());
			}
		}

	}

}
