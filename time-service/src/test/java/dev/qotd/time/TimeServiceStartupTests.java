package dev.qotd.time;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class TimeServiceStartupTests {

	@Test
	void aTzThatNamesNoZoneStopsTheStartWithAReportNamingIt(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(TimeServiceApplication.class)
			.properties("server.port=0", "TZ=:Europe/Paris")
			.run());

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value ':Europe/Paris' for configuration property 'TZ'")
			.contains("It is no time zone id")
			.doesNotContain("\tat ");
	}

}
