package dev.qotd.quote.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.qotd.quote.QuoteServiceApplication;
import dev.qotd.quote.catalog.QuoteSourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** A quote source that is set but holds no quote stops start-up with a message naming it. */
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
