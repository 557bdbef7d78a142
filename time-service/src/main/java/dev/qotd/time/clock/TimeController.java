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
		this.defaultZone = DefaultZone.fromTz(defaultZone);
		this.identity = identity;
	}

	@GetMapping({ "/", "/time" })
	CurrentTime now(@RequestParam(name = "zone", required = false) String zone) {
		ZoneId zoneId = (zone != null) ? Zones.parse(zone) : this.defaultZone;
		return CurrentTime.of(ZonedDateTime.now(this.clock.withZone(zoneId)), this.identity);
	}

}
