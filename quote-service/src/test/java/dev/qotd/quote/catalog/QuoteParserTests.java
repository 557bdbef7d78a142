package dev.qotd.quote.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class QuoteParserTests {

	private static final String SOURCE = "QUOTES_FILE=/etc/quotes/quotes.txt";

	@Test
	void walkthroughFormatIsOneQuoteALineWithoutItsDoubleQuotes() {
		String text = """
				"The journey of a thousand miles begins with a single step."
				"What you do today can improve all your tomorrows."
				""";
		assertThat(QuoteParser.parse(text, SOURCE)).containsExactly(
				"The journey of a thousand miles begins with a single step.",
				"What you do today can improve all your tomorrows.");
	}

	@Test
	void blankLinesAreIgnored() {
		assertThat(QuoteParser.parse("\n\n\"One\"\n   \n\t\n\"Two\"\n\n", SOURCE)).containsExactly("One", "Two");
	}

	@Test
	void unquotedLinesAreQuotesToo() {
		assertThat(QuoteParser.parse("Well begun is half done.\n\"Quoted\"", SOURCE))
			.containsExactly("Well begun is half done.", "Quoted");
	}

	@Test
	void windowsAndOldMacLineEndsSeparateQuotes() {
		assertThat(QuoteParser.parse("\"One\"\r\n\"Two\"\r\n\r\n\"Three\"\r\"Four\"\r\r\"Five\"\n", SOURCE))
			.containsExactly("One", "Two", "Three", "Four", "Five");
	}

	@Test
	void byteOrderMarkIsDropped() {
		assertThat(QuoteParser.parse("\uFEFF\"First\"\n\"Second\"\n", SOURCE)).containsExactly("First", "Second");
		assertThat(QuoteParser.parse("\uFEFFUnquoted first", SOURCE)).containsExactly("Unquoted first");
	}

	@Test
	void innerQuotesAreKept() {
		assertThat(QuoteParser.parse("\"He said \"hi\" twice\"", SOURCE)).containsExactly("He said \"hi\" twice");
		assertThat(QuoteParser.parse("\"\"Quoted within quotes\"\"", SOURCE))
			.containsExactly("\"Quoted within quotes\"");
		assertThat(QuoteParser.parse("It's \"fine\"", SOURCE)).containsExactly("It's \"fine\"");
	}

	@Test
	void unbalancedQuoteIsKept() {
		assertThat(QuoteParser.parse("\"Opened but never closed\n\"", SOURCE))
			.containsExactly("\"Opened but never closed", "\"");
	}

	@Test
	void percentSignsAndBackslashesAreKeptVerbatim() {
		assertThat(QuoteParser.parse("""
				"100% effort, %s %d %n %%"
				"C:\\temp\\new is not a \\n newline"
				"${HOME} and #{1 + 1} are not expanded"
				""", SOURCE)).containsExactly("100% effort, %s %d %n %%", "C:\\temp\\new is not a \\n newline",
				"${HOME} and #{1 + 1} are not expanded");
	}

	@Test
	void unicodeIsKeptVerbatim() {
		String emoji = "Ship it 🚀, then celebrate 🎉👩‍💻";
		String chinese = "千里之行，始于足下。";
		String hebrew = "\u200Fהדרך הארוכה ביותר מתחילה בצעד אחד";
		String arabic = "رحلة الألف ميل تبدأ بخطوة";
		String combining = "Cafe\u0301 and na\u00EFve";
		assertThat(QuoteParser.parse(
				String.join("\n", quoted(emoji), quoted(chinese), quoted(hebrew), arabic, quoted(combining)), SOURCE))
			.containsExactly(emoji, chinese, hebrew, arabic, combining);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"\"", "  \"\"  ", "\" \"", "\"\t\"" })
	void emptyQuotesAreIgnored(String line) {
		assertThat(QuoteParser.parse(line + "\n\"Kept\"", SOURCE)).containsExactly("Kept");
	}

	@Test
	void whitespaceAroundAndJustInsideTheQuotesIsDropped() {
		assertThat(QuoteParser.parse("   \"Indented\"\t\n\t\"Tabbed\"  \n\"  Padded inside  \"\n  Unquoted  ", SOURCE))
			.containsExactly("Indented", "Tabbed", "Padded inside", "Unquoted");
	}

	@Test
	void tabsWithinAQuoteAreKept() {
		assertThat(QuoteParser.parse("\"Column\tcolumn\"", SOURCE)).containsExactly("Column\tcolumn");
	}

	@Test
	void noTextHasNoQuote() {
		assertThat(QuoteParser.parse("", SOURCE)).isEmpty();
		assertThat(QuoteParser.parse("\n \r\n\"\"\n", SOURCE)).isEmpty();
	}

	@Test
	void quoteOfTheMaximumLengthIsAccepted() {
		String longest = "x".repeat(QuoteParser.MAX_QUOTE_LENGTH);
		assertThat(QuoteParser.parse(quoted(longest), SOURCE)).containsExactly(longest);
	}

	@Test
	void overlongLineIsRejectedNamingSourceAndLine() {
		String text = "\"One\"\n\n" + quoted("x".repeat(QuoteParser.MAX_QUOTE_LENGTH + 1)) + "\n\"Four\"";
		assertThatExceptionOfType(QuoteSourceException.class).isThrownBy(() -> QuoteParser.parse(text, SOURCE))
			.satisfies((ex) -> assertThat(ex.getSource()).isEqualTo(SOURCE))
			.withMessageStartingWith(SOURCE + ": ")
			.withMessageContaining("line 3")
			.withMessageContaining("1001 characters");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\u0000", "\u0007", "\u001B[31m", "\u007F", "\u0085", "\u000B", "\f" })
	void controlCharacterIsRejectedNamingSourceAndLine(String control) {
		String text = "\"One\"\r\n\"Two " + control + " halves\"\r\n";
		assertThatExceptionOfType(QuoteSourceException.class).isThrownBy(() -> QuoteParser.parse(text, SOURCE))
			.withMessageStartingWith(SOURCE + ": ")
			.withMessageContaining("line 2")
			.withMessageContaining("control characters");
	}

	private static String quoted(String quote) {
		return "\"" + quote + "\"";
	}

}
