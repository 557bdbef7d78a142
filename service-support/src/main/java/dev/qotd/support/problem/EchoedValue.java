package dev.qotd.support.problem;

/**
 * A value a client sent, as a problem detail can quote it back: control characters replaced,
 * long values cut (a 10 kB parameter is not echoed).
 */
public final class EchoedValue {

	private EchoedValue() {
	}

	/** {@code value} with at most {@code maxCodePoints} code points, then "...". */
	public static String of(String value, int maxCodePoints) {
		if (value == null) {
			return "";
		}
		StringBuilder shown = new StringBuilder();
		value.codePoints()
			.limit(maxCodePoints)
			.forEach((c) -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
		if (value.codePointCount(0, value.length()) > maxCodePoints) {
			shown.append("...");
		}
		return shown.toString();
	}

}
