package dev.qotd.time.clock;

/** A {@code TZ} that names no zone; the message names the value, shown safely. */
class DefaultZoneException extends RuntimeException {

	DefaultZoneException(String tz, String problem) {
		super("TZ=" + UnknownZoneException.printable(tz) + ": " + problem);
	}

}
