package dev.qotd.quote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The quotes being served, from the first source set: the file {@code QUOTES_FILE} names (a
 * mounted ConfigMap), the {@code QUOTES} variable, the built-in quotes. Each holds one quote
 * a line, surrounding double quotes stripped, blank lines ignored. A source that is set but
 * holds no quote stops the start, naming it. The file is read again every
 * {@code quotes.reload-interval}, so that a ConfigMap update is served without a restart; a
 * file that turns bad meanwhile leaves the quotes as they were.
 */
@Component
public class QuoteCatalog {

	private static final Logger logger = LoggerFactory.getLogger(QuoteCatalog.class);

	private final String file;

	private volatile List<String> quotes;

	@Autowired
	QuoteCatalog(ConfigurableEnvironment environment) throws IOException {
		this(asSet(environment, "QUOTES_FILE"), asSet(environment, "QUOTES"));
	}

	QuoteCatalog(String file, String inline) throws IOException {
		this.file = file;
		if (file != null) {
			this.quotes = parse("QUOTES_FILE", file, readFile());
		}
		else if (inline != null) {
			this.quotes = parse("QUOTES", inline, inline);
		}
		else {
			this.quotes = parse("built-in quotes", "default-quotes.txt",
					new ClassPathResource("default-quotes.txt").getContentAsString(StandardCharsets.UTF_8));
		}
		logger.info("Serving {} quotes from {}", this.quotes.size(), (file != null) ? "QUOTES_FILE=" + file
				: (inline != null) ? "QUOTES" : "the built-in quotes");
	}

	public String randomQuote() {
		List<String> current = this.quotes;
		return current.get(ThreadLocalRandom.current().nextInt(current.size()));
	}

	public List<String> allQuotes() {
		return this.quotes;
	}

	@Scheduled(fixedDelayString = "${quotes.reload-interval}", initialDelayString = "${quotes.reload-interval}")
	void reloadFile() {
		if (this.file == null) {
			return;
		}
		try {
			List<String> reloaded = parse("QUOTES_FILE", this.file, readFile());
			if (!reloaded.equals(this.quotes)) {
				this.quotes = reloaded;
				logger.info("Reloaded {} quotes from QUOTES_FILE={}", reloaded.size(), this.file);
			}
		}
		catch (InvalidConfigurationPropertyValueException ex) {
			logger.warn("Keeping the {} quotes loaded before: {}", this.quotes.size(), ex.getMessage());
		}
	}

	/** The variable as set: quotes are text, never a ${placeholder} to resolve or a #{expression}. */
	private static String asSet(ConfigurableEnvironment environment, String name) {
		return environment.getPropertySources()
			.stream()
			.map((source) -> source.getProperty(name))
			.filter(Objects::nonNull)
			.map(Object::toString)
			.findFirst()
			.orElse(null);
	}

	private String readFile() {
		try {
			return Files.readString(Path.of(this.file));
		}
		catch (IOException | RuntimeException ex) {
			throw new InvalidConfigurationPropertyValueException("QUOTES_FILE", this.file,
					"The file cannot be read as UTF-8 text: " + ex);
		}
	}

	private static List<String> parse(String source, String value, String text) {
		List<String> quotes = text.lines()
			.map(String::strip)
			.map((line) -> (line.length() >= 2 && line.startsWith("\"") && line.endsWith("\""))
					? line.substring(1, line.length() - 1).strip() : line)
			.filter((quote) -> !quote.isEmpty())
			.toList();
		if (quotes.isEmpty()) {
			throw new InvalidConfigurationPropertyValueException(source, value,
					"It holds no quote. Write one quote a line, for example \"Well begun is half done.\"");
		}
		return quotes;
	}

}
