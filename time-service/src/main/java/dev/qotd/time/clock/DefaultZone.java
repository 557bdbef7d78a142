package dev.qotd.time.clock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the {@code TZ} variable as busybox {@code date} (glibc) does: empty is UTC, a leading
 * colon is dropped, a file under a {@code zoneinfo} directory is the zone it is named after
 * ({@code /etc/localtime}, a link to one or a copy of one, the system's zone), and {@code UTC+1}
 * is an hour behind UTC.
 */
final class DefaultZone {

	/** Where the zone files are on Linux; a copied {@code /etc/localtime} is one of them. */
	private static final Path ZONEINFO = Path.of("/usr/share/zoneinfo");

	/** A POSIX zone without summer time: a name, then its offset ({@code UTC+1}, {@code JST-9}). */
	private static final Pattern POSIX_OFFSET = Pattern
		.compile("([A-Za-z]{3,}|UT)([+-]?)(\\d{1,2})(?::?(\\d{2}))?(?::?(\\d{2}))?");

	private DefaultZone() {
	}

	static ZoneId fromTz(String tz) {
		return fromTz(tz, ZONEINFO);
	}

	static ZoneId fromTz(String tz, Path zoneinfo) {
		String zone = tz.startsWith(":") ? tz.substring(1) : tz;
		if (zone.isEmpty()) {
			return ZoneId.of("UTC");
		}
		if (zone.startsWith("/")) {
			return fromFile(tz, zone, zoneinfo);
		}
		Matcher posixOffset = POSIX_OFFSET.matcher(zone);
		if (posixOffset.matches()) {
			return fromPosixOffset(tz, posixOffset);
		}
		return zoneId(tz, zone.startsWith("posix/") ? zone.substring("posix/".length()) : zone);
	}

	private static ZoneId fromFile(String tz, String file, Path zoneinfo) {
		Path path;
		try {
			path = Path.of(file).normalize();
		}
		catch (InvalidPathException ex) {
			throw new DefaultZoneException(tz, "not a zone id or a file");
		}
		Optional<String> id = idInZoneinfo(path).or(() -> idInZoneinfo(linkTarget(path)))
			.or(() -> sameFileIn(zoneinfo, path));
		if (id.isPresent()) {
			return zoneId(tz, id.get());
		}
		throw new DefaultZoneException(tz, Files.isRegularFile(path)
				? "a file that is none of " + zoneinfo + "'s zones, so its zone cannot be told" : "no such file");
	}

	/**
	 * The zone whose file in {@code zoneinfo} has the same bytes as {@code file} (a copied
	 * {@code /etc/localtime}, or the host's mounted in a pod), as the JVM finds the system's
	 * zone. The JVM cannot be asked: under {@code TZ=:/etc/localtime} it takes the file's
	 * current offset for the zone, an hour off half of the year.
	 */
	private static Optional<String> sameFileIn(Path zoneinfo, Path file) {
		if (!Files.isRegularFile(file) || !Files.isDirectory(zoneinfo)) {
			return Optional.empty();
		}
		try (Stream<Path> zones = Files.walk(zoneinfo)) {
			long size = Files.size(file);
			return zones
				.filter((zone) -> !zone.startsWith(zoneinfo.resolve("posix")) && !zone.startsWith(zoneinfo.resolve("right")))
				.filter((zone) -> Files.isRegularFile(zone) && sizeOf(zone) == size && sameBytes(zone, file))
				.map((zone) -> zoneinfo.relativize(zone).toString())
				.filter(DefaultZone::isZoneId)
				.sorted()
				.findFirst();
		}
		catch (IOException | UncheckedIOException ex) {
			return Optional.empty();
		}
	}

	private static long sizeOf(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static boolean sameBytes(Path one, Path other) {
		try {
			return Files.mismatch(one, other) == -1;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean isZoneId(String id) {
		try {
			ZoneId.of(id);
			return true;
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

	/**
	 * {@code UTC+1} (or {@code UTC1}): the time one hour behind UTC for {@code date}, whose
	 * offsets are POSIX's, west of Greenwich positive; Java's zone id of the same text is an
	 * hour ahead. {@code JST-9}: nine hours ahead, shown by its offset, as Java has no zone of
	 * an arbitrary name.
	 */
	private static ZoneId fromPosixOffset(String tz, Matcher offset) {
		int seconds = Integer.parseInt(offset.group(3)) * 3600
				+ ((offset.group(4) != null) ? Integer.parseInt(offset.group(4)) * 60 : 0)
				+ ((offset.group(5) != null) ? Integer.parseInt(offset.group(5)) : 0);
		int eastOfGreenwich = offset.group(2).equals("-") ? seconds : -seconds;
		try {
			String name = offset.group(1);
			boolean javaPrefix = name.equals("UTC") || name.equals("GMT") || name.equals("UT");
			return ZoneId.ofOffset(javaPrefix ? name : "", ZoneOffset.ofTotalSeconds(eastOfGreenwich));
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

	/** {@code /etc/localtime} is usually a link into the zoneinfo directory. */
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
