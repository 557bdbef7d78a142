package dev.qotd.quote.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the walkthrough's quote format: one quote a line, surrounding double quotes
 * stripped, blank lines ignored. Everything else (inner quotes, {@code %}, backslashes,
 * any Unicode) is kept verbatim.
 *
 * <pre>
 * "The journey of a thousand miles begins with a single step."
 * "What you do today can improve all your tomorrows."
 * </pre>
 */
public final class QuoteParser {

	/** Longer lines are almost certainly not quotes (a binary or mis-generated file). */
	public static final int MAX_QUOTE_LENGTH = 1000;

	private QuoteParser() {
	}

	/**
	 * Parses {@code text}, naming {@code source} in any error.
	 * @return the quotes, possibly none
	 * @throws QuoteSourceException if a line is too long or holds control characters
	 */
	public static List<String> parse(String text, String source) {
		List<String> quotes = new ArrayList<>();
		String[] lines = stripByteOrderMark(text).split("\r\n|\r|\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String quote = unquote(lines[i].strip());
			if (quote.isEmpty()) {
				continue;
			}
			int lineNumber = i + 1;
			if (quote.length() > MAX_QUOTE_LENGTH) {
				throw new QuoteSourceException(source, "line %d is %d characters long, more than the %d a quote may have"
					.formatted(lineNumber, quote.length(), MAX_QUOTE_LENGTH));
			}
			if (quote.chars().anyMatch((c) -> Character.isISOControl(c) && c != '\t')) {
				throw new QuoteSourceException(source,
						"line %d holds control characters; is this a text file?".formatted(lineNumber));
			}
			quotes.add(quote);
		}
		return List.copyOf(quotes);
	}

	private static String unquote(String line) {
		if (line.length() >= 2 && line.startsWith("\"") && line.endsWith("\"")) {
			return line.substring(1, line.length() - 1).strip();
		}
		return line;
	}

	private static String stripByteOrderMark(String text) {
		return text.startsWith("\uFEFF") ? text.substring(1) : text;
	}

}
