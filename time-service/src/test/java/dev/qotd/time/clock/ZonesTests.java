package dev.qotd.time.clock;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ZonesTests {

	@ParameterizedTest
	@ValueSource(strings = { "UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "America/Argentina/Buenos_Aires",
			"Etc/GMT+5" })
	void tzDatabaseIdsAreZones(String zone) {
		assertThat(Zones.parse(zone)).isEqualTo(ZoneId.of(zone));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Mars/Olympus", "Europe/Atlantis", "europe/paris" })
	void unknownZoneIsNamed(String zone) {
		ProblemDetail problem = problemFor(zone);
		assertThat(problem.getDetail()).startsWith("Unknown time zone '" + zone + "': no such zone")
			.contains("Europe/Paris");
		assertThat(problem.getProperties()).containsEntry("zone", zone);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Europe/Paris!", "Europe Paris", "../../etc/passwd", "+25:00", "1", "Europe/Paris\t" })
	void malformedZoneIsNamed(String zone) {
		ProblemDetail problem = problemFor(zone);
		assertThat(problem.getDetail()).contains("': not a zone id");
		assertThat(problem.getProperties()).containsKey("zone");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\t" })
	void emptyZoneIsRejected(String zone) {
		assertThat(problemFor(zone).getDetail()).contains("the parameter is empty");
	}

	@Test
	void overlongZoneIsRejectedAndCutWhenShown() {
		String zone = "Europe/" + "x".repeat(10_000);
		ProblemDetail problem = problemFor(zone);
		String shown = zone.substring(0, UnknownZoneException.MAX_ECHOED_LENGTH) + "...";
		assertThat(problem.getProperties()).containsEntry("zone", shown);
		assertThat(problem.getDetail()).contains("'" + shown + "'").contains("at most 64 characters")
			.hasSizeLessThan(300);
	}

	@Test
	void zoneOfTheMaximumLengthIsLookedUp() {
		String zone = "Europe/" + "x".repeat(57);
		assertThat(zone).hasSize(64);
		assertThat(problemFor(zone).getDetail()).contains("no such zone");
	}

	@Test
	void controlCharactersAreReplacedWhenShown() {
		ProblemDetail problem = problemFor("Europe/Paris\r\nX-Injected: yes\u0000\u001B[2J");
		assertThat(problem.getProperties()).containsEntry("zone", "Europe/Paris??X-Injected: yes??[2J");
		assertThat(problem.getDetail()).contains("'Europe/Paris??X-Injected: yes??[2J'")
			.doesNotContain("\r", "\n", "\u0000", "\u001B");
	}

	@Test
	void unicodeIsShownAsGiven() {
		assertThat(problemFor("Europe/Pärïs🚀").getProperties()).containsEntry("zone", "Europe/Pärïs🚀");
	}

	private static ProblemDetail problemFor(String zone) {
		UnknownZoneException ex = catchThrowableOfType(UnknownZoneException.class,
				() -> Zones.parse(zone));
		assertThat(ex).as("UnknownZoneException for '%s'", zone).isNotNull();
		assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		ProblemDetail problem = ex.getBody();
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getTitle()).isEqualTo("Unknown time zone");
		return problem;
	}

}
