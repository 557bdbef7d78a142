package dev.qotd.quote.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.qotd.quote.catalog.QuoteSource.BuiltInQuotes;
import dev.qotd.quote.catalog.QuoteSource.InlineQuotes;
import dev.qotd.quote.catalog.QuoteSource.QuoteFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class QuoteSourceTests {

	@TempDir
	Path directory;

	@Test
	void quotesFileComesFirst() throws IOException {
		Path file = Files.writeString(this.directory.resolve("quotes.txt"), "\"From the file\"\n");
		QuoteSource source = QuoteSource
			.from(new MockEnvironment().withProperty("QUOTES_FILE", file.toString()).withProperty("QUOTES", "Inline"));
		assertThat(source).isEqualTo(new QuoteFile(file));
		assertThat(source.name()).isEqualTo("QUOTES_FILE=" + file);
		assertThat(source.read()).isEqualTo("\"From the file\"\n");
		assertThat(source.changes()).isTrue();
	}

	@Test
	void quotesVariableComesNext() {
		QuoteSource source = QuoteSource.from(new MockEnvironment().withProperty("QUOTES", "\"Inline\""));
		assertThat(source).isEqualTo(new InlineQuotes("\"Inline\""));
		assertThat(source.name()).isEqualTo("QUOTES");
		assertThat(source.read()).isEqualTo("\"Inline\"");
		assertThat(source.changes()).isFalse();
	}

	@Test
	void builtInQuotesComeLast() {
		QuoteSource source = QuoteSource.from(new MockEnvironment());
		assertThat(source).isInstanceOf(BuiltInQuotes.class);
		assertThat(source.changes()).isFalse();
		assertThat(QuoteParser.parse(source.read(), source.name())).hasSizeGreaterThan(3)
			.contains("The journey of a thousand miles begins with a single step.");
	}

	@Test
	void quotesVariableKeepsWhatLooksLikeAPlaceholder() {
		QuoteSource source = QuoteSource.from(new MockEnvironment().withProperty("HOME", "/root")
			.withProperty("QUOTES", "\"Home is ${HOME}, cost is ${price}, escaped \\${x}\""));
		assertThat(source.read()).isEqualTo("\"Home is ${HOME}, cost is ${price}, escaped \\${x}\"");
	}

	@Test
	void surroundingWhitespaceOfTheFileNameIsIgnored() throws IOException {
		Path file = Files.writeString(this.directory.resolve("quotes.txt"), "\"Q\"");
		assertThat(QuoteSource.from(new MockEnvironment().withProperty("QUOTES_FILE", " " + file + "\n")))
			.isEqualTo(new QuoteFile(file));
	}

	@Test
	void blankQuotesFileVariableIsAnError() {
		assertThatExceptionOfType(QuoteSourceException.class)
			.isThrownBy(() -> QuoteSource.from(new MockEnvironment().withProperty("QUOTES_FILE", "  ")))
			.withMessageStartingWith("QUOTES_FILE: ")
			.satisfies((ex) -> assertThat(ex.getSource()).isEqualTo("QUOTES_FILE"));
	}

	@Test
	void missingFileIsNamed() {
		Path file = this.directory.resolve("missing.txt");
		assertThatExceptionOfType(QuoteSourceException.class).isThrownBy(() -> new QuoteFile(file).read())
			.withMessage("QUOTES_FILE=" + file + ": no such file");
	}

	@Test
	void directoryIsNamed() {
		assertThatExceptionOfType(QuoteSourceException.class)
			.isThrownBy(() -> new QuoteFile(this.directory).read())
			.withMessageStartingWith("QUOTES_FILE=" + this.directory + ": cannot be read");
	}

	@Test
	void nonUtf8FileIsNamed() throws IOException {
		Path file = Files.write(this.directory.resolve("latin1.txt"),
				"\"Caf\u00E9 cr\u00E8me\"\n".getBytes(StandardCharsets.ISO_8859_1));
		assertThatExceptionOfType(QuoteSourceException.class).isThrownBy(() -> new QuoteFile(file).read())
			.withMessage("QUOTES_FILE=" + file + ": is not UTF-8 text");
	}

	@Test
	void utf16FileIsNotUtf8() throws IOException {
		Path file = Files.write(this.directory.resolve("utf16.txt"), "\"Hi\"\n".getBytes(StandardCharsets.UTF_16));
		assertThatExceptionOfType(QuoteSourceException.class).isThrownBy(() -> new QuoteFile(file).read())
			.withMessageContaining("is not UTF-8 text");
	}

	@Test
	void fileOfOneMebibyteIsRead() throws IOException {
		Path file = Files.write(this.directory.resolve("large.txt"), quoteLines(1024 * 1024));
		assertThat(new QuoteFile(file).read()).hasSize(1024 * 1024);
	}

	@Test
	void fileOverOneMebibyteIsNamed() throws IOException {
		Path file = Files.write(this.directory.resolve("huge.txt"), quoteLines(1024 * 1024 + 1));
		assertThatExceptionOfType(QuoteSourceException.class).isThrownBy(() -> new QuoteFile(file).read())
			.withMessageStartingWith("QUOTES_FILE=" + file + ": is 1048577 bytes");
	}

	@Test
	void endlessDeviceIsNamedWithoutReadingItAll() {
		Path device = Path.of("/dev/zero");
		assumeTrue(Files.exists(device), "a /dev/zero to read");
		assertThatExceptionOfType(QuoteSourceException.class)
			.isThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> new QuoteFile(device).read()))
			.withMessage("QUOTES_FILE=/dev/zero: is not a regular file; name a text file");
	}

	@Test
	void fileGrowingPastTheLimitWhileReadIsNamed() throws IOException {
		// Files.size says small, the content says otherwise: as for a device or a file being written.
		Path file = Files.write(this.directory.resolve("growing.txt"), quoteLines(1024 * 1024 + 1));
		assertThatExceptionOfType(QuoteSourceException.class)
			.isThrownBy(() -> QuoteFile.readAtMost(file, 1024, "QUOTES_FILE=" + file))
			.withMessageStartingWith("QUOTES_FILE=" + file + ": is more than 1024 bytes");
	}

	/** Valid quote lines of exactly {@code size} bytes. */
	private static byte[] quoteLines(int size) {
		byte[] bytes = "\"Quote\"\n".repeat(size / 8 + 1).substring(0, size).getBytes(StandardCharsets.UTF_8);
		bytes[size - 1] = 'x';
		return bytes;
	}

}
