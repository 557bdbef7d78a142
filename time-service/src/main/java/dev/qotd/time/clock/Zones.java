package dev.qotd.time.clock;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.zone.ZoneRulesException;
import java.util.function.Function;

/** Reads zone ids: a {@code zone} request parameter, or one that {@code TZ} names. */
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
		return of(zone, (problem) -> new UnknownZoneException(zone, problem));
	}

	/** The zone {@code id} names; else {@code failure} is thrown, given what is wrong with it. */
	static ZoneId of(String id, Function<String, ? extends RuntimeException> failure) {
		try {
			return ZoneId.of(id);
		}
		catch (ZoneRulesException ex) {
			throw failure.apply("no such zone in the time-zone database");
		}
		catch (DateTimeException ex) {
			throw failure.apply("not a zone id");
		}
	}

}
