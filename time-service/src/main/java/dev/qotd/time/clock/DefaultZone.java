package dev.qotd.time.clock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code TZ} variable as busybox {@code date} (glibc) does: empty is UTC, a leading
 * colon is dropped, a file under a {@code zoneinfo} directory is the zone it is named after,
 * {@code /etc/localtime} is the system's zone, and {@code UTC+1} is an hour behind UTC.
 */
final class DefaultZone {

	private static final Path SYSTEM_ZONE_FILE = Path.of("/etc/localtime");

	private static final Pattern POSIX_OFFSET = Pattern.compile("(UTC|GMT|UT)([+-]?)(\\d{1,2})(?::?(\\d{2}))?");

	private DefaultZone() {
	}

	static ZoneId fromTz(String tz) {
		return fromTz(tz, SYSTEM_ZONE_FILE);
	}

	static ZoneId fromTz(String tz, Path systemZoneFile) {
		String zone = tz.startsWith(":") ? tz.substring(1) : tz;
		if (zone.isEmpty()) {
			return ZoneId.of("UTC");
		}
		if (zone.startsWith("/")) {
			return fromFile(tz, zone, systemZoneFile);
		}
		Matcher posixOffset = POSIX_OFFSET.matcher(zone);
		if (posixOffset.matches()) {
			return fromPosixOffset(tz, posixOffset);
		}
		return zoneId(tz, zone.startsWith("posix/") ? zone.substring("posix/".length()) : zone);
	}

	private static ZoneId fromFile(String tz, String file, Path systemZoneFile) {
		Path path;
		try {
			path = Path.of(file).normalize();
		}
		catch (InvalidPathException ex) {
			throw new DefaultZoneException(tz, "not a zone id or a file");
		}
		Optional<String> id = idInZoneinfo(path).or(() -> idInZoneinfo(linkTarget(path)));
		if (id.isPresent()) {
			return zoneId(tz, id.get());
		}
		if (path.equals(systemZoneFile)) {
			return ZoneId.systemDefault();
		}
		throw new DefaultZoneException(tz, "a file outside a zoneinfo directory");
	}

	/**
	 * {@code UTC+1} (or {@code UTC1}): the time one hour behind UTC for {@code date}, whose
	 * offsets are POSIX's, west of Greenwich positive; Java's zone id of the same text is an
	 * hour ahead.
	 */
	private static ZoneId fromPosixOffset(String tz, Matcher offset) {
		int seconds = Integer.parseInt(offset.group(3)) * 3600
				+ ((offset.group(4) != null) ? Integer.parseInt(offset.group(4)) * 60 : 0);
		int eastOfGreenwich = offset.group(2).equals("-") ? seconds : -seconds;
		try {
			return ZoneId.ofOffset(offset.group(1), ZoneOffset.ofTotalSeconds(eastOfGreenwich));
		}
		catch (DateTimeException ex) {
			throw new DefaultZoneException(tz, "an offset beyond 18 hours");
		}
	}

	/** {@code /usr/share/zoneinfo/posix/Europe/Paris} is {@code Europe/Paris}. */
	private static Optional<String> idInZoneinfo(Path path) {
		for (int i = path.getNameCount() - 2; i >= 0; i--) {
			if (path.getName(i).toString().equals("zoneinfo")) {
				Path id = path.subpath(i + 1, path.getNameCount());
				if (id.startsWith("posix") && id.getNameCount() > 1) {
					id = id.subpath(1, id.getNameCount());
				}
				return Optional.of(id.toString());
			}
		}
		return Optional.empty();
	}

	/**
	 * {@code /etc/localtime} is usually a link into the zoneinfo directory. The JVM cannot
	 * help here: under {@code TZ=:/etc/localtime} its default zone is GMT, whatever the link.
	 */
	private static Path linkTarget(Path path) {
		try {
			return Files.isSymbolicLink(path) ? path.toRealPath() : path;
		}
		catch (IOException | SecurityException ex) {
			return path;
		}
	}

	private static ZoneId zoneId(String tz, String id) {
		return Zones.of(id, (problem) -> new DefaultZoneException(tz, problem));
	}

}
