package dev.qotd.localrun;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What the launcher says when it cannot start the app; nothing is launched here. */
class LocalAppTests {

	@TempDir
	Path emptyProject;

	@Test
	void aTakenPortIsNamedWithTheServiceAndTheOptionThatMovesIt() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Ports ports = Ports.free().with(Service.QUOTE, taken.getLocalPort());
			assertThatExceptionOfType(LocalRunException.class)
				.isThrownBy(() -> LocalApp.builder(this.emptyProject).ports(ports).start())
				.withMessageContaining("Port " + taken.getLocalPort())
				.withMessageContaining("quote-service")
				.withMessageContaining("--quote-port=");
		}
	}

	@Test
	void aPortTakenOnlyOnTheIpv6LoopbackIsTakenToo() throws IOException {
		InetAddress ipv6Loopback = InetAddress.getByName("::1");
		ServerSocket taken;
		try {
			taken = new ServerSocket(0, 1, ipv6Loopback);
		}
		catch (IOException ex) {
			Assumptions.abort("no IPv6 loopback here: " + ex.getMessage());
			return;
		}
		try (taken) {
			Ports ports = Ports.free().with(Service.FRONTEND, taken.getLocalPort());
			assertThatExceptionOfType(LocalRunException.class)
				.isThrownBy(() -> LocalApp.builder(this.emptyProject).ports(ports).start())
				.withMessageContaining("Port %d, for frontend-service, is already in use on %s", taken.getLocalPort(),
						ipv6Loopback.getHostAddress())
				.withMessageContaining("--frontend-port=");
		}
	}

	@Test
	void theJarOfTheLaunchersVersionIsChosenOverAnotherOfTheSameTime() throws IOException {
		Path target = Files.createDirectories(this.emptyProject.resolve("quote-service/target"));
		FileTime reproducible = FileTime.fromMillis(1767225600000L);
		for (String version : List.of("0.2.0", "0.1.0", "0.3.0-SNAPSHOT")) {
			Files.setLastModifiedTime(Files.writeString(target.resolve("quote-service-" + version + ".jar"), version),
					reproducible);
		}
		// Even older than the others: the version decides, not the time or the listing's order.
		Files.setLastModifiedTime(target.resolve("quote-service-0.2.0.jar"), FileTime.fromMillis(1767225500000L));
		assertThat(ServiceJars.locate(this.emptyProject, Service.QUOTE, "0.2.0"))
			.isEqualTo(target.resolve("quote-service-0.2.0.jar"));
		Files.setLastModifiedTime(target.resolve("quote-service-0.1.0.jar"), FileTime.fromMillis(1767225700000L));
		assertThat(ServiceJars.locate(this.emptyProject, Service.QUOTE, null)).as("run from the classes: the newest")
			.isEqualTo(target.resolve("quote-service-0.1.0.jar"));
	}

	@Test
	void aMissingJarIsNamedWithTheCommandThatBuildsIt() {
		assertThatExceptionOfType(LocalRunException.class)
			.isThrownBy(() -> LocalApp.builder(this.emptyProject).ports(Ports.free()).start())
			.withMessageContaining("No jar of quote-service")
			.withMessageContaining("mvn -DskipTests package");
	}

	@Test
	void oneOptionMovesOnePort() {
		Ports ports = LocalRun.parse(new String[] { "--time-port=9092" });
		assertThat(ports.of(Service.TIME)).isEqualTo(9092);
		assertThat(ports.of(Service.FRONTEND)).isEqualTo(8080);
		assertThat(ports.of(Service.QUOTE)).isEqualTo(8081);
	}

	@Test
	void badOptionsAreRefusedWithTheirValue() {
		assertThatExceptionOfType(LocalRunException.class).isThrownBy(() -> LocalRun.parse(new String[] { "--quote-port=abc" }))
			.withMessageContaining("--quote-port=abc");
		assertThatExceptionOfType(LocalRunException.class).isThrownBy(() -> LocalRun.parse(new String[] { "--quote-port=70000" }))
			.withMessageContaining("70000");
		assertThatExceptionOfType(LocalRunException.class).isThrownBy(() -> LocalRun.parse(new String[] { "--verbose" }))
			.withMessageContaining("--verbose");
	}

	@Test
	void twoServicesOnOnePortAreRefused() {
		Ports ports = Ports.free();
		Ports clash = ports.with(Service.TIME, ports.of(Service.QUOTE));
		assertThatExceptionOfType(LocalRunException.class)
			.isThrownBy(() -> LocalApp.builder(this.emptyProject).ports(clash).start())
			.withMessageContaining("more than one service");
	}

	@Test
	void theFrontendIsWiredToTheOtherTwoByLoopbackUrl() {
		Ports ports = Ports.free();
		LocalApp.Builder builder = LocalApp.builder(this.emptyProject).ports(ports);
		var environment = builder.environmentOf(Service.FRONTEND);
		assertThat(environment).containsEntry("QUOTE_SERVICE_URL", "http://127.0.0.1:" + ports.of(Service.QUOTE))
			.containsEntry("TIME_SERVICE_URL", "http://127.0.0.1:" + ports.of(Service.TIME))
			.containsEntry("SERVER_PORT", String.valueOf(ports.of(Service.FRONTEND)))
			.containsEntry("SERVER_ADDRESS", "127.0.0.1");
	}

}
