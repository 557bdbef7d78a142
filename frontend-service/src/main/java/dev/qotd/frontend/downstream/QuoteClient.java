package dev.qotd.frontend.downstream;

import dev.qotd.support.requestid.RequestIdFilter;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/** quote-service ({@code spring.http.serviceclient.quote}). */
@HttpExchange(accept = MediaType.APPLICATION_JSON_VALUE)
public interface QuoteClient {

	String PATH = "/quote";

	@GetExchange(PATH)
	ResponseEntity<QuoteReply> randomQuote(@RequestHeader(RequestIdFilter.HEADER) String requestId);

	record QuoteReply(String quote) {
	}

}
