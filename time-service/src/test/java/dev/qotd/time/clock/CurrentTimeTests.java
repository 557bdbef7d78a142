package dev.qotd.time.clock;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import dev.qotd.support.identity.PodIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CurrentTimeTests {

	private static final PodIdentity POD = new PodIdentity("time-5b7d9c8f4-qz7lm", "10.42.0.20", "node-1");

	@ParameterizedTest
	@CsvSource({ "UTC, 2026-11-28T18:29:03Z, Sat Nov 28 18:29:03 UTC 2026",
			"Europe/Paris, 2026-11-28T19:29:03+01:00, Sat Nov 28 19:29:03 CET 2026",
			"America/New_York, 2026-11-28T13:29:03-05:00, Sat Nov 28 13:29:03 EST 2026" })
	void describesTheInstantInTheZone(String zone, String dateTime, String text) {
		CurrentTime time = CurrentTime.of(Instant.parse("2026-11-28T18:29:03Z").atZone(ZoneId.of(zone)), POD);
		assertThat(time.dateTime()).isEqualTo(dateTime);
		assertThat(time.zone()).isEqualTo(zone);
		assertThat(time.epochMillis()).isEqualTo(1_795_890_543_000L);
		assertThat(time.text()).isEqualTo(text);
		assertThat(time.servedBy()).isEqualTo(POD);
		assertThat(time.toPlainText()).isEqualTo(text + "\n");
	}

	@Test
	void summerTimeHasTheSummerOffset() {
		CurrentTime time = CurrentTime.of(Instant.parse("2026-07-14T10:00:00Z").atZone(ZoneId.of("Europe/Paris")),
				POD);
		assertThat(time.dateTime()).isEqualTo("2026-07-14T12:00:00+02:00");
		assertThat(time.text()).isEqualTo("Tue Jul 14 12:00:00 CEST 2026");
	}

	@Test
	void epochMillisAndDateTimeNameTheSameInstant() {
		Instant instant = Instant.parse("2026-11-28T18:29:03.456789Z");
		CurrentTime time = CurrentTime.of(instant.atZone(ZoneId.of("Europe/Paris")), POD);
		assertThat(time.epochMillis()).isEqualTo(instant.toEpochMilli());
		assertThat(OffsetDateTime.parse(time.dateTime()).toInstant()).isEqualTo(instant);
		assertThat(time.text()).isEqualTo("Sat Nov 28 19:29:03 CET 2026");
	}

}
