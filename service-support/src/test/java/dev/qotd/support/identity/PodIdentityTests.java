package dev.qotd.support.identity;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class PodIdentityTests {

	@Test
	void inAPodTheDownwardApisVariablesNameIt() {
		MockEnvironment environment = new MockEnvironment().withProperty("POD_NAME", "quote-5d8f-abcde")
			.withProperty("POD_IP", "10.42.0.9")
			.withProperty("NODE_NAME", "k3s-node");

		assertThat(PodIdentity.from(environment)).isEqualTo(new PodIdentity("quote-5d8f-abcde", "10.42.0.9", "k3s-node"));
	}

	@Test
	void outsideAClusterTheHostStandsInForThePod() throws Exception {
		InetAddress host = InetAddress.getLocalHost();

		assertThat(PodIdentity.from(new MockEnvironment()))
			.isEqualTo(new PodIdentity(host.getHostName(), host.getHostAddress(), host.getHostName()));
	}

}
