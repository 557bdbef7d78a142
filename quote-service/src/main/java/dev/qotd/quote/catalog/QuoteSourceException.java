package dev.qotd.quote.catalog;

/** A quote source that is set but cannot be used; the message names the source. */
public class QuoteSourceException extends RuntimeException {

	private final String source;

	public QuoteSourceException(String source, String problem) {
		super(source + ": " + problem);
		this.source = source;
	}

	public QuoteSourceException(String source, String problem, Throwable cause) {
		super(source + ": " + problem, cause);
		this.source = source;
	}

	/** The source, as the user set it, for instance {@code QUOTES_FILE=/etc/quotes/quotes.txt}. */
	public String getSource() {
		return this.source;
	}

}
