package dev.qotd.time.clock;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import dev.qotd.support.identity.PodIdentity;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /} and {@code GET /time}: the current time, in {@code ?zone=} if given. */
@RestController
class TimeController {

	private final Clock clock;

	private final ZoneId defaultZone;

	private final PodIdentity identity;

	TimeController(Clock clock, @Value("${time.default-zone:UTC}") String defaultZone, PodIdentity identity) {
		this.clock = clock;
		this.defaultZone = parseDefaultZone(defaultZone);
		this.identity = identity;
	}

	/** A bad {@code TZ} stops start-up naming it, rather than as a stray "400 BAD_REQUEST". */
	private static ZoneId parseDefaultZone(String zone) {
		try {
			return Zones.parse(zone);
		}
		catch (UnknownZoneException ex) {
			throw new IllegalStateException(
					"TZ (time.default-zone) cannot be the default zone: %s Set TZ to such an id, or unset it for UTC."
						.formatted(ex.getBody().getDetail()));
		}
	}

	@GetMapping({ "/", "/time" })
	CurrentTime now(@RequestParam(name = "zone", required = false) String zone) {
		ZoneId zoneId = (zone != null) ? Zones.parse(zone) : this.defaultZone;
		return CurrentTime.of(ZonedDateTime.now(this.clock.withZone(zoneId)), this.identity);
	}

}
