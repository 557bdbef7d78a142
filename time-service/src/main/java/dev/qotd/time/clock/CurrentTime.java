package dev.qotd.time.clock;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import dev.qotd.support.identity.PodIdentity;
import dev.qotd.support.text.PlainText;

/**
 * The server's time in one zone. JSON carries the ISO-8601 date-time with offset, the zone
 * id, epoch milliseconds and the busybox line; text is the busybox line alone.
 */
public record CurrentTime(String dateTime, String zone, long epochMillis, String text, PodIdentity servedBy)
		implements PlainText {

	public static CurrentTime of(ZonedDateTime now, PodIdentity servedBy) {
		return new CurrentTime(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now), now.getZone().getId(),
				now.toInstant().toEpochMilli(), BusyboxDate.format(now), servedBy);
	}

	@Override
	public String toPlainText() {
		return this.text + "\n";
	}

}
