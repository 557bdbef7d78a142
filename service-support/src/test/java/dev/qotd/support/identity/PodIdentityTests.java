package dev.qotd.support.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PodIdentityTests {

	@Test
	void downwardApiVariablesAreUsedWhenSet() {
		PodIdentity identity = PodIdentity.resolve(
				Map.of("POD_NAME", "quote-6d4cf56db6-8x2lq", "POD_IP", "10.42.0.12", "NODE_NAME", "node-1",
						"HOSTNAME", "ignored-host")::get);
		assertThat(identity).isEqualTo(new PodIdentity("quote-6d4cf56db6-8x2lq", "10.42.0.12", "node-1"));
	}

	@Test
	void hostNameAndAddressStandInOutsideACluster() throws UnknownHostException {
		PodIdentity identity = PodIdentity.resolve(Map.<String, String>of()::get);
		InetAddress local = InetAddress.getLocalHost();
		assertThat(identity).isEqualTo(new PodIdentity(local.getHostName(), local.getHostAddress(), local.getHostName()));
	}

	@Test
	void hostnameVariableNamesTheHostWhenSet() throws UnknownHostException {
		PodIdentity identity = PodIdentity.resolve(Map.of("HOSTNAME", "laptop")::get);
		assertThat(identity)
			.isEqualTo(new PodIdentity("laptop", InetAddress.getLocalHost().getHostAddress(), "laptop"));
	}

	@Test
	void partialSettingsAreCompletedFromTheHost() throws UnknownHostException {
		String hostAddress = InetAddress.getLocalHost().getHostAddress();
		assertThat(PodIdentity.resolve(Map.of("POD_NAME", "time-0", "HOSTNAME", "laptop")::get))
			.isEqualTo(new PodIdentity("time-0", hostAddress, "laptop"));
		assertThat(PodIdentity.resolve(Map.of("POD_IP", "10.0.0.9", "HOSTNAME", "laptop")::get))
			.isEqualTo(new PodIdentity("laptop", "10.0.0.9", "laptop"));
		assertThat(PodIdentity.resolve(Map.of("POD_NAME", "time-0", "POD_IP", "10.0.0.9", "HOSTNAME", "laptop")::get))
			.isEqualTo(new PodIdentity("time-0", "10.0.0.9", "laptop"));
	}

	@Test
	void blankValuesCountAsUnset() {
		Map<String, String> variables = new HashMap<>();
		variables.put("POD_NAME", " ");
		variables.put("POD_IP", "");
		variables.put("NODE_NAME", "node-2");
		variables.put("HOSTNAME", "laptop");
		PodIdentity identity = PodIdentity.resolve(variables::get);
		assertThat(identity.podName()).isEqualTo("laptop");
		assertThat(identity.podIp()).isNotBlank();
		assertThat(identity.nodeName()).isEqualTo("node-2");
	}

}
