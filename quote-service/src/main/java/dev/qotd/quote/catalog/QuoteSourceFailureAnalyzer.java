package dev.qotd.quote.catalog;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad quote source into Boot's short "APPLICATION FAILED TO START" report. */
class QuoteSourceFailureAnalyzer extends AbstractFailureAnalyzer<QuoteSourceException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, QuoteSourceException cause) {
		return new FailureAnalysis("The quotes cannot be loaded from " + cause.getMessage(),
				"Fix or unset " + cause.getSource() + ". Quotes come from, first found wins: the file named by "
						+ "QUOTES_FILE, the QUOTES variable, the built-in quotes; one quote a line, "
						+ "surrounding double quotes stripped, blank lines ignored.",
				cause);
	}

}
