package dev.qotd.time.clock;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class BusyboxDateTests {

	@Test
	void formatsAsBusyboxDatePrints() {
		assertThat(format("2026-11-28T18:29:03Z", "UTC")).isEqualTo("Sat Nov 28 18:29:03 UTC 2026");
	}

	@ParameterizedTest
	@CsvSource({ "2026-03-01T00:00:00Z, Sun Mar  1 00:00:00 UTC 2026",
			"2026-01-09T23:59:59Z, Fri Jan  9 23:59:59 UTC 2026", "2026-01-10T07:05:09Z, Sat Jan 10 07:05:09 UTC 2026" })
	void dayOfTheMonthIsPaddedWithASpace(String instant, String line) {
		assertThat(format(instant, "UTC")).isEqualTo(line);
	}

	@ParameterizedTest
	@CsvSource({ "Europe/Paris, Sat Nov 28 19:29:03 CET 2026", "America/New_York, Sat Nov 28 13:29:03 EST 2026",
			"Etc/UTC, Sat Nov 28 18:29:03 UTC 2026", "Asia/Tokyo, Sun Nov 29 03:29:03 JST 2026" })
	void winterTimeInOtherZones(String zone, String line) {
		assertThat(format("2026-11-28T18:29:03Z", zone)).isEqualTo(line);
	}

	@ParameterizedTest
	@CsvSource({ "Europe/Paris, Tue Jul 14 12:00:00 CEST 2026", "America/New_York, Tue Jul 14 06:00:00 EDT 2026",
			"UTC, Tue Jul 14 10:00:00 UTC 2026" })
	void summerTimeInOtherZones(String zone, String line) {
		assertThat(format("2026-07-14T10:00:00Z", zone)).isEqualTo(line);
	}

	@Test
	void switchesToSummerTimeAtTheTransition() {
		assertThat(format("2026-03-29T00:59:59Z", "Europe/Paris")).isEqualTo("Sun Mar 29 01:59:59 CET 2026");
		assertThat(format("2026-03-29T01:00:00Z", "Europe/Paris")).isEqualTo("Sun Mar 29 03:00:00 CEST 2026");
	}

	private static String format(String instant, String zone) {
		return BusyboxDate.format(Instant.parse(instant).atZone(ZoneId.of(zone)));
	}

}
