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

/** A {@code TZ} that names no zone stops start-up with a message naming it. */
@ExtendWith(OutputCaptureExtension.class)
class DefaultZoneStartupTests {

	@Test
	void unknownTzStopsStartUpNamingIt(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--TZ=Mars/Olympus"))
			.satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageStartingWith("TZ (time.default-zone) cannot be the default zone: ")
				.hasMessageContaining("'Mars/Olympus'"));
		assertThat(output).doesNotContain("BAD_REQUEST");
	}

	@Test
	void malformedTzStopsStartUpNamingIt() {
		assertThatException().isThrownBy(() -> start("--TZ=CET-1CEST,M3.5.0,M10.5.0/3"))
			.satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex))
				.hasMessageContaining("TZ (time.default-zone)")
				.hasMessageContaining("'CET-1CEST,M3.5.0,M10.5.0/3': not a zone id"));
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
