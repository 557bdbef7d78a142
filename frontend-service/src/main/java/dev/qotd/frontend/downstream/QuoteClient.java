package dev.qotd.frontend.downstream;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/** quote-service, at {@code QUOTE_SERVICE_URL} (default {@code http://quote-svc}). */
@HttpExchange(accept = MediaType.APPLICATION_JSON_VALUE)
public interface QuoteClient {

	String PATH = "/quote";

	@GetExchange(PATH)
	ResponseEntity<QuoteReply> randomQuote();

	record QuoteReply(String quote) {
	}

}
