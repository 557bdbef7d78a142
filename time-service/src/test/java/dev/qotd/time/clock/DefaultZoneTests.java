package dev.qotd.time.clock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code TZ} read as busybox {@code date} reads it. */
class DefaultZoneTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@ValueSource(strings = { "UTC", "Europe/Paris", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "EST5EDT" })
	void zoneIdIsThatZone(String tz) {
		assertThat(DefaultZone.fromTz(tz)).isEqualTo(ZoneId.of(tz));
	}

	@ParameterizedTest
	@CsvSource({ "UTC+1, 17:29:03", "GMT-2, 20:29:03", "UTC-5:30, 23:59:03", "UT+0530, 12:59:03", "UTC0, 18:29:03",
			"UTC+01:00:30, 17:28:33", "JST-9, 03:29:03", "EST5, 13:29:03" })
	void offsetAfterUtcIsPosixsWestOfGreenwichAsDateReadsIt(String tz, String localTime) {
		Instant instant = Instant.parse("2026-11-28T18:29:03Z");
		assertThat(BusyboxDate.format(instant.atZone(DefaultZone.fromTz(tz)))).contains(" " + localTime + " ");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", ":" })
	void emptyTzIsUtcAsDatePrintsIt(String tz) {
		ZoneId zone = DefaultZone.fromTz(tz);
		assertThat(zone).isEqualTo(ZoneId.of("UTC"));
		assertThat(BusyboxDate.format(Instant.parse("2026-11-28T18:29:03Z").atZone(zone)))
			.isEqualTo("Sat Nov 28 18:29:03 UTC 2026");
	}

	@ParameterizedTest
	@CsvSource({ ":Europe/Paris, Europe/Paris", ":America/New_York, America/New_York", ":UTC, UTC",
			"posix/Europe/Paris, Europe/Paris" })
	void leadingColonIsDropped(String tz, String zone) {
		assertThat(DefaultZone.fromTz(tz)).isEqualTo(ZoneId.of(zone));
	}

	@ParameterizedTest
	@CsvSource({ "/usr/share/zoneinfo/Europe/Paris, Europe/Paris", ":/usr/share/zoneinfo/Europe/Paris, Europe/Paris",
			"/usr/lib/zoneinfo/America/New_York, America/New_York",
			"/usr/share/zoneinfo/posix/Asia/Tokyo, Asia/Tokyo", "/usr/share/zoneinfo/Etc/UTC, Etc/UTC" })
	void fileInAZoneinfoDirectoryIsTheZoneItIsNamedAfter(String tz, String zone) {
		assertThat(DefaultZone.fromTz(tz)).isEqualTo(ZoneId.of(zone));
	}

	@ParameterizedTest
	@ValueSource(strings = { ":", "" })
	void systemZoneFileLinkedIntoZoneinfoIsThatZone(String colon) throws IOException {
		Path paris = Files.createDirectories(this.directory.resolve("zoneinfo/Europe")).resolve("Paris");
		Files.writeString(paris, "TZif");
		Path localtime = Files.createSymbolicLink(this.directory.resolve("localtime"), paris);
		assertThat(DefaultZone.fromTz(colon + localtime, this.directory.resolve("elsewhere")))
			.isEqualTo(ZoneId.of("Europe/Paris"));
	}

	@Test
	void systemZoneFileCopiedFromZoneinfoIsTheZoneWithTheSameBytes() throws IOException {
		Path zoneinfo = this.directory.resolve("zoneinfo");
		Files.writeString(Files.createDirectories(zoneinfo.resolve("Europe")).resolve("Paris"), "TZif Paris");
		Files.writeString(zoneinfo.resolve("Europe/Berlin"), "TZif Berlin");
		Files.writeString(Files.createDirectories(zoneinfo.resolve("posix/Europe")).resolve("Berlin"), "TZif Paris");
		Path localtime = Files.writeString(this.directory.resolve("localtime"), "TZif Paris");

		assertThat(DefaultZone.fromTz(":" + localtime, zoneinfo)).isEqualTo(ZoneId.of("Europe/Paris"));
	}

	@Test
	void systemZoneFileLikeNoneInZoneinfoIsNamedAsSuch() throws IOException {
		Path zoneinfo = this.directory.resolve("zoneinfo");
		Files.writeString(Files.createDirectories(zoneinfo.resolve("Europe")).resolve("Paris"), "TZif Paris");
		Path localtime = Files.writeString(this.directory.resolve("localtime"), "TZif Mars");

		assertThatExceptionOfType(DefaultZoneException.class)
			.isThrownBy(() -> DefaultZone.fromTz(":" + localtime, zoneinfo))
			.withMessage("TZ=:%s: a file that is none of %s's zones, so its zone cannot be told", localtime, zoneinfo);
	}

	@Test
	void etcLocaltimeIsTheSystemZone() {
		assumeTrue(System.getenv("TZ") == null, "the JVM's default zone is the system's");
		Instant now = Instant.now();
		assertThat(DefaultZone.fromTz(":/etc/localtime").getRules().getOffset(now))
			.isEqualTo(ZoneId.systemDefault().getRules().getOffset(now));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "Mars/Olympus| TZ=Mars/Olympus: no such zone in the time-zone database",
			":Mars/Olympus| TZ=:Mars/Olympus: no such zone in the time-zone database",
			"/usr/share/zoneinfo/Mars/Olympus| TZ=/usr/share/zoneinfo/Mars/Olympus: no such zone",
			"CET-1CEST,M3.5.0,M10.5.0/3| TZ=CET-1CEST,M3.5.0,M10.5.0/3: not a zone id",
			"' '| 'TZ= : not a zone id'", "../../etc/passwd| TZ=../../etc/passwd: not a zone id",
			"/home/me/zone| TZ=/home/me/zone: no such file",
			"/usr/share/zoneinfo/../../../etc/passwd| TZ=/usr/share/zoneinfo/../../../etc/passwd: a file that is none of" })
	void garbageIsNamed(String tz, String message) {
		assertThatExceptionOfType(DefaultZoneException.class).isThrownBy(() -> DefaultZone.fromTz(tz))
			.withMessageStartingWith(message);
	}

	@Test
	void garbageIsShownSafely() {
		assertThatExceptionOfType(DefaultZoneException.class)
			.isThrownBy(() -> DefaultZone.fromTz("/etc/local\u0000time\r\n" + "x".repeat(100)))
			.withMessage("TZ=/etc/local?time??" + "x".repeat(47) + "...: not a zone id or a file");
	}

}
