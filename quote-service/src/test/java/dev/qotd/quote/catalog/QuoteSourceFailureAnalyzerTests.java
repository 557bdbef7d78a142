package dev.qotd.quote.catalog;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class QuoteSourceFailureAnalyzerTests {

	@Test
	void analysisNamesTheSourceAndHowToFixIt() {
		QuoteSourceException cause = new QuoteSourceException("QUOTES_FILE=/etc/quotes/quotes.txt",
				"holds no quote");
		FailureAnalysis analysis = new QuoteSourceFailureAnalyzer()
			.analyze(new BeanCreationException("quoteCatalog", "Failed to instantiate", cause));
		assertThat(analysis.getDescription())
			.isEqualTo("The quotes cannot be loaded from QUOTES_FILE=/etc/quotes/quotes.txt: holds no quote");
		assertThat(analysis.getAction()).startsWith("Fix or unset QUOTES_FILE=/etc/quotes/quotes.txt.");
		assertThat(analysis.getCause()).isSameAs(cause);
	}

}
