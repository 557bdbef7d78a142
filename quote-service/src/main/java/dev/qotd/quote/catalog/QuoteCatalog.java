package dev.qotd.quote.catalog;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * The quotes being served. Loaded once at start-up, where a source without a quote stops
 * the service; a {@code QUOTES_FILE} is then read again every
 * {@code quotes.reload-interval}, so that a ConfigMap update is served without a restart.
 * A reload that finds a broken file keeps the quotes already loaded.
 */
public class QuoteCatalog {

	private static final Logger logger = LoggerFactory.getLogger(QuoteCatalog.class);

	private final QuoteSource source;

	private volatile Snapshot current;

	public QuoteCatalog(QuoteSource source) {
		this.source = source;
		this.current = load(source.read());
		logger.info("Serving {} quotes from {}", this.current.quotes().size(), source.name());
	}

	public String randomQuote() {
		List<String> quotes = this.current.quotes();
		return quotes.get(ThreadLocalRandom.current().nextInt(quotes.size()));
	}

	public List<String> allQuotes() {
		return this.current.quotes();
	}

	public String sourceName() {
		return this.source.name();
	}

	@Scheduled(fixedDelayString = "${quotes.reload-interval:10s}", initialDelayString = "${quotes.reload-interval:10s}")
	public void reloadIfChanged() {
		if (!this.source.changes()) {
			return;
		}
		try {
			String text = this.source.read();
			if (text.equals(this.current.text())) {
				return;
			}
			this.current = load(text);
			logger.info("Reloaded {} quotes from {}", this.current.quotes().size(), this.source.name());
		}
		catch (QuoteSourceException ex) {
			logger.warn("Keeping the {} quotes loaded before: {}", this.current.quotes().size(), ex.getMessage());
		}
	}

	private Snapshot load(String text) {
		List<String> quotes = QuoteParser.parse(text, this.source.name());
		if (quotes.isEmpty()) {
			throw new QuoteSourceException(this.source.name(),
					"holds no quote; write one quote a line, for example \"Well begun is half done.\"");
		}
		return new Snapshot(text, quotes);
	}

	private record Snapshot(String text, List<String> quotes) {
	}

}
