package dev.qotd.time.clock;

import dev.qotd.support.problem.EchoedValue;

/** A {@code TZ} that names no zone; the message names the value, shown safely. */
class DefaultZoneException extends RuntimeException {

	DefaultZoneException(String tz, String problem) {
		super("TZ=" + EchoedValue.of(tz, UnknownZoneException.MAX_ECHOED_LENGTH) + ": " + problem);
	}

}
