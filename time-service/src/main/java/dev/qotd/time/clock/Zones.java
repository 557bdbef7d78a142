package dev.qotd.time.clock;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.zone.ZoneRulesException;

/** Reads a {@code zone} request parameter. */
final class Zones {

	/** The longest zone ids in the tz database have about 30 characters. */
	private static final int MAX_LENGTH = 64;

	private Zones() {
	}

	static ZoneId parse(String zone) {
		if (zone.isBlank()) {
			throw new UnknownZoneException(zone, "the parameter is empty");
		}
		if (zone.length() > MAX_LENGTH) {
			throw new UnknownZoneException(zone, "zone ids are at most %d characters".formatted(MAX_LENGTH));
		}
		try {
			return ZoneId.of(zone);
		}
		catch (ZoneRulesException ex) {
			throw new UnknownZoneException(zone, "no such zone in the time-zone database");
		}
		catch (DateTimeException ex) {
			throw new UnknownZoneException(zone, "not a zone id");
		}
	}

}
