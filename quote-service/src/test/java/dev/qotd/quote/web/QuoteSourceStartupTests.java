package dev.qotd.quote.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;

import dev.qotd.quote.QuoteServiceApplication;
import dev.qotd.quote.catalog.QuoteCatalog;
import dev.qotd.quote.catalog.QuoteSourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A quote source that is set but holds no quote, or is no quotes file at all, stops
 * start-up with a message naming it; one that is merely unusual (Windows line ends) loads.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuoteSourceStartupTests {

	@TempDir
	Path directory;

	@Test
	void quotesFileWithoutAQuoteStopsStartUp(CapturedOutput output) throws IOException {
		Path file = Files.writeString(this.directory.resolve("quotes.txt"), "\n\"\"\n");
		assertStartUpFailsNaming("QUOTES_FILE=" + file, output, "--QUOTES_FILE=" + file);
		assertThat(output).contains("holds no quote");
	}

	@Test
	void missingQuotesFileStopsStartUp(CapturedOutput output) {
		Path file = this.directory.resolve("absent.txt");
		assertStartUpFailsNaming("QUOTES_FILE=" + file, output, "--QUOTES_FILE=" + file);
		assertThat(output).contains("no such file");
	}

	@Test
	void blankQuotesVariableStopsStartUp(CapturedOutput output) {
		assertStartUpFailsNaming("QUOTES", output, "--QUOTES=  ");
	}

	static Stream<Arguments> unusableQuotesFiles() {
		byte[] binary = new byte[64 * 1024];
		new Random(42).nextBytes(binary);
		byte[] asciiControls = new byte[4096];
		for (int i = 0; i < asciiControls.length; i++) {
			asciiControls[i] = (byte) (i % 128);
		}
		return Stream.of(arguments("binary", binary, "is not UTF-8 text"),
				arguments("UTF-8 with control characters", asciiControls, "line 1 holds control characters"),
				arguments("10 MB", utf8("\"Quote\"\n".repeat(10 * 1024 * 1024 / 8)),
						"is 10485760 bytes, more than the 1048576 a quotes file may have"),
				arguments("one enormous line", utf8("\"" + "x".repeat(500_000) + "\""),
						"line 1 is 500000 characters long"),
				arguments("only blank lines", utf8("\n \r\n\t\n\r\n\n"), "holds no quote"),
				arguments("only empty quotes", utf8("\"\"\n\"\"\r\n  \"\"  \n"), "holds no quote"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unusableQuotesFiles")
	void unusableQuotesFileStopsStartUpNamingIt(String description, byte[] content, String problem,
			CapturedOutput output) throws IOException {
		Path file = Files.write(this.directory.resolve("quotes.txt"), content);
		assertStartUpFailsNaming("QUOTES_FILE=" + file, output, "--QUOTES_FILE=" + file);
		assertThat(output).contains("QUOTES_FILE=" + file + ": " + problem);
	}

	@Test
	void deviceAsQuotesFileStopsStartUpWithoutReadingIt(CapturedOutput output) {
		assumeTrue(Files.exists(Path.of("/dev/zero")), "a /dev/zero to read");
		assertTimeoutPreemptively(Duration.ofSeconds(60),
				() -> assertStartUpFailsNaming("QUOTES_FILE=/dev/zero", output, "--QUOTES_FILE=/dev/zero"));
		assertThat(output).contains("QUOTES_FILE=/dev/zero: is not a regular file");
	}

	static Stream<Arguments> unusableQuotesVariables() {
		return Stream.of(
				arguments("control characters", "\"One\"\n\"Two\u0000halves\u0007\"", "line 2 holds control characters"),
				arguments("only empty quotes", "\"\"\r\n\"\"\r\n", "holds no quote"),
				arguments("only blank lines", "\r\n \r\n\t", "holds no quote"),
				arguments("one enormous line", "x".repeat(200_000), "line 1 is 200000 characters long"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unusableQuotesVariables")
	void unusableQuotesVariableStopsStartUpNamingIt(String description, String value, String problem,
			CapturedOutput output) {
		assertStartUpFailsNaming("QUOTES", output, "--QUOTES=" + value);
		assertThat(output).contains("QUOTES: " + problem);
	}

	@Test
	void quotesFileWithWindowsLineEndsLoads() throws IOException {
		Path file = Files.write(this.directory.resolve("quotes.txt"),
				utf8("\uFEFF\"First\"\r\n\r\n\"Second\"\r\nThird\r\n"));
		try (ConfigurableApplicationContext context = SpringApplication.run(QuoteServiceApplication.class,
				"--QUOTES_FILE=" + file, "--server.port=0")) {
			assertThat(context.getBean(QuoteCatalog.class).allQuotes()).containsExactly("First", "Second", "Third");
		}
	}

	@Test
	void quotesVariableWithWindowsLineEndsLoads() {
		try (ConfigurableApplicationContext context = SpringApplication.run(QuoteServiceApplication.class,
				"--QUOTES=\"One\"\r\n\"Two\"\r\n", "--server.port=0")) {
			assertThat(context.getBean(QuoteCatalog.class).allQuotes()).containsExactly("One", "Two");
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static void assertStartUpFailsNaming(String source, CapturedOutput output, String... args) {
		assertThatException().isThrownBy(() -> start(args))
			.satisfies((ex) -> assertThat(quoteSourceException(ex)).hasMessageStartingWith(source + ": "));
		assertThat(output).contains("APPLICATION FAILED TO START", "The quotes cannot be loaded from " + source + ": ",
				"Fix or unset " + source + ".");
	}

	private static QuoteSourceException quoteSourceException(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof QuoteSourceException quoteSourceException) {
				return quoteSourceException;
			}
		}
		throw new AssertionError("No QuoteSourceException caused " + failure, failure);
	}

	private static void start(String... args) {
		String[] allArgs = new String[args.length + 1];
		System.arraycopy(args, 0, allArgs, 0, args.length);
		allArgs[args.length] = "--server.port=0";
		try (ConfigurableApplicationContext context = SpringApplication.run(QuoteServiceApplication.class, allArgs)) {
			throw new AssertionError("quote-service started");
		}
	}

}
