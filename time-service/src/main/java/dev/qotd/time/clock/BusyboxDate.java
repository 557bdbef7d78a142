package dev.qotd.time.clock;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The line busybox {@code date} prints, {@code %a %b %e %H:%M:%S %Z %Y} in the C locale:
 * {@code Sat Nov 28 18:29:03 UTC 2026}, with the day of the month padded by a space
 * ({@code Sun Mar  1 ...}).
 */
public final class BusyboxDate {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss zzz yyyy",
			Locale.ENGLISH);

	private BusyboxDate() {
	}

	public static String format(ZonedDateTime dateTime) {
		return FORMAT.format(dateTime);
	}

}
