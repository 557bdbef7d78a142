package dev.qotd.support.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.core.env.Environment;

/**
 * Who is answering: the pod name, pod IP and node name that the Kubernetes Downward API
 * hands in as {@code POD_NAME}, {@code POD_IP} and {@code NODE_NAME}. Outside a cluster the
 * host's name and address stand in for them.
 */
public record PodIdentity(String podName, String podIp, String nodeName) {

	public static PodIdentity from(Environment environment) {
		InetAddress host = localHost();
		return new PodIdentity(environment.getProperty("POD_NAME", host.getHostName()),
				environment.getProperty("POD_IP", host.getHostAddress()),
				environment.getProperty("NODE_NAME", host.getHostName()));
	}

	private static InetAddress localHost() {
		try {
			return InetAddress.getLocalHost();
		}
		catch (UnknownHostException ex) {
			return InetAddress.getLoopbackAddress();
		}
	}

}
