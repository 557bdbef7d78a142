package dev.qotd.time;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.qotd.support.identity.PodIdentity;
import dev.qotd.support.problem.ProblemDetailsAdvice;
import dev.qotd.support.text.PlainText;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /} and {@code GET /time}: the current time, as busybox {@code date} prints it
 * for curl, in the zone {@code ?zone=} names, else in the zone {@code TZ} names, else in UTC.
 */
@RestController
class TimeController {

	/** busybox date's {@code %a %b %e %H:%M:%S %Z %Y} in the C locale: the day padded by a space. */
	static final DateTimeFormatter BUSYBOX_DATE = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss zzz yyyy",
			Locale.ENGLISH);

	private final Clock clock;

	private final ZoneId defaultZone;

	private final PodIdentity identity;

	TimeController(Clock clock, @Value("${TZ:UTC}") String tz, PodIdentity identity) {
		this.clock = clock;
		this.identity = identity;
		try {
			this.defaultZone = ZoneId.of(tz);
		}
		catch (DateTimeException ex) {
			throw new InvalidConfigurationPropertyValueException("TZ", tz,
					"It is no time zone id. Set a zone id such as Europe/Paris, America/New_York or UTC, or unset it.");
		}
	}

	@GetMapping({ "/", "/time" })
	CurrentTime now(@RequestParam(required = false) String zone) {
		ZonedDateTime now = ZonedDateTime.now(this.clock.withZone((zone != null) ? zoneOf(zone) : this.defaultZone));
		return new CurrentTime(now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), now.getZone().getId(),
				now.toInstant().toEpochMilli(), now.format(BUSYBOX_DATE), this.identity);
	}

	private static ZoneId zoneOf(String zone) {
		try {
			return ZoneId.of(zone);
		}
		catch (DateTimeException ex) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"Unknown time zone '%s'. Use a zone id such as Europe/Paris, America/New_York or UTC."
						.formatted(ProblemDetailsAdvice.quoted(zone)));
			problem.setTitle("Unknown time zone");
			problem.setProperty("zone", ProblemDetailsAdvice.quoted(zone));
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, ex);
		}
	}

	/** JSON: the ISO-8601 date-time with offset, the zone, epoch milliseconds and the busybox line. */
	record CurrentTime(String dateTime, String zone, long epochMillis, String text, PodIdentity servedBy)
			implements PlainText {

		@Override
		public String toPlainText() {
			return this.text + "\n";
		}

	}

}
