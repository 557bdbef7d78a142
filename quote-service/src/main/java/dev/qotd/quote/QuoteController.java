package dev.qotd.quote;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.qotd.support.identity.PodIdentity;
import dev.qotd.support.text.PlainText;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Text for curl (it accepts anything), JSON when asked for. */
@RestController
class QuoteController {

	private final QuoteCatalog catalog;

	private final PodIdentity identity;

	QuoteController(QuoteCatalog catalog, PodIdentity identity) {
		this.catalog = catalog;
		this.identity = identity;
	}

	@GetMapping({ "/", "/quote" })
	RandomQuote randomQuote() {
		return new RandomQuote(this.catalog.randomQuote(), this.identity);
	}

	@GetMapping("/quotes")
	QuoteList allQuotes() {
		return new QuoteList(this.catalog.allQuotes());
	}

	/** One quote, and the pod that picked it. */
	record RandomQuote(String quote, PodIdentity servedBy) implements PlainText {

		@Override
		public String toPlainText() {
			return this.quote + "\n";
		}

	}

	/** Every quote being served: a JSON array, or one quote a line. */
	record QuoteList(@JsonValue List<String> quotes) implements PlainText {

		@Override
		public String toPlainText() {
			return String.join("\n", this.quotes) + "\n";
		}

	}

}
