package dev.qotd.quote.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Where the quotes come from, first found wins: the file named by {@code QUOTES_FILE} (a
 * mounted ConfigMap), the {@code QUOTES} variable, the built-in defaults.
 */
public sealed interface QuoteSource {

	String QUOTES_FILE = "QUOTES_FILE";

	String QUOTES = "QUOTES";

	/** How the user set this source, as error messages and logs name it. */
	String name();

	/** The source's current text. */
	String read();

	/** Whether the text can change while the service runs. */
	default boolean changes() {
		return false;
	}

	static QuoteSource from(Environment environment) {
		String file = valueAsSet(environment, QUOTES_FILE);
		if (file != null) {
			if (file.isBlank()) {
				throw new QuoteSourceException(QUOTES_FILE, "is set but empty; name the quotes file or unset it");
			}
			return new QuoteFile(Path.of(file.strip()));
		}
		String inline = valueAsSet(environment, QUOTES);
		if (inline != null) {
			return new InlineQuotes(inline);
		}
		return new BuiltInQuotes();
	}

	/**
	 * The variable's value as the user set it. {@link Environment#getProperty} would expand
	 * {@code ${...}} in it and fail on a name it does not know, but quotes are text, not
	 * templates: {@code "It costs ${price}"} is a quote.
	 */
	private static String valueAsSet(Environment environment, String name) {
		if (environment instanceof ConfigurableEnvironment configurable) {
			for (PropertySource<?> source : configurable.getPropertySources()) {
				Object value = source.getProperty(name);
				if (value != null) {
					return value.toString();
				}
			}
			return null;
		}
		return environment.getProperty(name);
	}

	/** The file named by {@code QUOTES_FILE}, read again while the service runs. */
	record QuoteFile(Path path) implements QuoteSource {

		/** The size limit of a ConfigMap; a larger file is not a quotes file. */
		static final int MAX_SIZE = 1024 * 1024;

		@Override
		public String name() {
			return QUOTES_FILE + "=" + this.path;
		}

		@Override
		public String read() {
			try {
				if (!Files.isRegularFile(this.path) && Files.exists(this.path) && !Files.isDirectory(this.path)) {
					// A device or a pipe: /dev/zero never ends, a pipe blocks until written to.
					throw new QuoteSourceException(name(), "is not a regular file; name a text file");
				}
				long size = Files.size(this.path);
				if (size > MAX_SIZE) {
					throw new QuoteSourceException(name(),
							"is %d bytes, more than the %d a quotes file may have".formatted(size, MAX_SIZE));
				}
				return readAtMost(this.path, MAX_SIZE, name());
			}
			catch (NoSuchFileException ex) {
				throw new QuoteSourceException(name(), "no such file", ex);
			}
			catch (IOException ex) {
				throw new QuoteSourceException(name(), "cannot be read (" + ex.getMessage() + ")", ex);
			}
		}

		/** Reads no more than {@code limit} bytes, whatever size the file claimed a moment ago. */
		static String readAtMost(Path path, int limit, String source) throws IOException {
			try (InputStream input = Files.newInputStream(path)) {
				byte[] bytes = input.readNBytes(limit + 1);
				if (bytes.length > limit) {
					throw new QuoteSourceException(source,
							"is more than %d bytes, the most a quotes file may have".formatted(limit));
				}
				return decodeUtf8(bytes, source);
			}
		}

		@Override
		public boolean changes() {
			return true;
		}

	}

	/** The {@code QUOTES} environment variable, as the walkthrough's manifest sets it. */
	record InlineQuotes(String text) implements QuoteSource {

		@Override
		public String name() {
			return QUOTES;
		}

		@Override
		public String read() {
			return this.text;
		}

	}

	/** The quotes shipped with the service. */
	record BuiltInQuotes() implements QuoteSource {

		static final String RESOURCE = "/default-quotes.txt";

		@Override
		public String name() {
			return "built-in quotes (" + RESOURCE + ")";
		}

		@Override
		public String read() {
			try (InputStream input = QuoteSource.class.getResourceAsStream(RESOURCE)) {
				if (input == null) {
					throw new IllegalStateException(RESOURCE + " is missing from the application");
				}
				return decodeUtf8(input.readAllBytes(), name());
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot read " + RESOURCE, ex);
			}
		}

	}

	private static String decodeUtf8(byte[] bytes, String source) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new QuoteSourceException(source, "is not UTF-8 text", ex);
		}
	}

}
