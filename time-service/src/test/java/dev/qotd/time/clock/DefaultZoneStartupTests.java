package dev.qotd.time.clock;

import dev.qotd.time.TimeServiceApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** A {@code TZ} that names no zone stops start-up with a short report naming it; an empty one is UTC. */
@ExtendWith(OutputCaptureExtension.class)
class DefaultZoneStartupTests {

	@Test
	void unknownTzStopsStartUpNamingIt(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--TZ=Mars/Olympus"))
			.satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex))
				.isInstanceOf(DefaultZoneException.class));
		assertThat(output).contains("APPLICATION FAILED TO START",
				"The default time zone cannot be read from TZ=Mars/Olympus: no such zone in the time-zone database",
				"Set TZ to a zone id such as Europe/Paris")
			.doesNotContain("\tat ", "BAD_REQUEST");
	}

	@Test
	void emptyTzStartsInUtc() {
		try (ConfigurableApplicationContext context = SpringApplication.run(TimeServiceApplication.class, "--TZ=",
				"--server.port=0")) {
			assertThat(context.getEnvironment().getProperty("time.default-zone")).isEmpty();
			assertThat(context.getBean(TimeController.class).now(null).zone()).isEqualTo("UTC");
		}
	}

	private static void start(String... args) {
		String[] allArgs = new String[args.length + 1];
		System.arraycopy(args, 0, allArgs, 0, args.length);
		allArgs[args.length] = "--server.port=0";
		try (ConfigurableApplicationContext context = SpringApplication.run(TimeServiceApplication.class, allArgs)) {
			throw new AssertionError("time-service started");
		}
	}

}
