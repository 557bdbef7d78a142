package dev.qotd.quote.web;

import dev.qotd.quote.catalog.QuoteCatalog;
import dev.qotd.support.identity.PodIdentity;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code text/plain} for curl (it accepts anything), JSON when asked for. */
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

}
