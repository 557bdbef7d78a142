package dev.qotd.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

// TZ as in a pod without one, whatever the machine running the tests has.
@WebMvcTest(properties = { "TZ=UTC", "POD_NAME=time-7c9d-xyz12", "POD_IP=10.42.0.11", "NODE_NAME=node-2" })
@Import(TimeControllerTests.FixedClock.class)
class TimeControllerTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void curlGetsTheLineBusyboxDatePrints() {
		for (String path : new String[] { "/", "/time" }) {
			assertThat(this.mvc.get().uri(path).accept(MediaType.ALL)).hasStatusOk()
				.hasContentType("text/plain;charset=UTF-8")
				.hasHeader("X-Served-By", "time-7c9d-xyz12")
				.hasBodyTextEqualTo("Sat Nov 28 18:29:03 UTC 2026\n");
		}
	}

	@Test
	void jsonHasTheInstantWithOffsetTheZoneEpochMillisAndTheLine() {
		assertThat(this.mvc.get().uri("/time?zone=Europe/Paris").accept(MediaType.APPLICATION_JSON)).hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("""
					{"dateTime": "2026-11-28T19:29:03+01:00", "zone": "Europe/Paris", "epochMillis": 1795890543000,
					 "text": "Sat Nov 28 19:29:03 CET 2026",
					 "servedBy": {"podName": "time-7c9d-xyz12", "podIp": "10.42.0.11", "nodeName": "node-2"}}""");
	}

	@ParameterizedTest
	@CsvSource({ "Asia/Tokyo, Sun Nov 29 03:29:03 JST 2026", "America/New_York, Sat Nov 28 13:29:03 EST 2026",
			"UTC, Sat Nov 28 18:29:03 UTC 2026" })
	void aZoneParameterAnswersInThatZone(String zone, String line) {
		assertThat(this.mvc.get().uri("/time").param("zone", zone)).hasBodyTextEqualTo(line + "\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Mars/Olympus_Mons", "", "../../etc/passwd", "UTC,Europe/Paris", "GMT+25" })
	void anUnknownZoneIsA400ProblemNamingIt(String zone) {
		assertThat(this.mvc.get().uri("/time").param("zone", zone)).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"title": "Unknown time zone", "status": 400, "zone": "%s",
					 "detail": "Unknown time zone '%s'. Use a zone id such as Europe/Paris, America/New_York or UTC."}"""
				.formatted(zone, zone));
	}

	@Test
	void aLongOrControlCharacterZoneIsQuotedShortAndClean() {
		assertThat(this.mvc.get().uri("/time").param("zone", "A".repeat(10_000))).hasStatus(400)
			.bodyJson()
			.extractingPath("$.zone")
			.isEqualTo("A".repeat(64) + "...");
		assertThat(this.mvc.get().uri("/time").param("zone", "UTC\r\nX-Injected: 1")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.zone")
			.isEqualTo("UTC??X-Injected: 1");
	}

	/** Sunday the 1st: busybox pads the day with a space, as {@code %e} does. */
	@Test
	void aDayOfOneDigitIsPaddedWithASpace() {
		assertThat(TimeController.BUSYBOX_DATE.format(Instant.parse("2026-03-01T08:05:09Z").atZone(ZoneId.of("UTC"))))
			.isEqualTo("Sun Mar  1 08:05:09 UTC 2026");
	}

	@Nested
	@TestPropertySource(properties = "TZ=Asia/Tokyo")
	class WithTz {

		@Test
		void tzIsTheZoneOfARequestThatNamesNone() {
			assertThat(TimeControllerTests.this.mvc.get().uri("/")).hasBodyTextEqualTo("Sun Nov 29 03:29:03 JST 2026\n");
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FixedClock {

		@Bean
		@Primary
		Clock fixedClock() {
			return Clock.fixed(Instant.parse("2026-11-28T18:29:03Z"), ZoneOffset.UTC);
		}

	}

}
