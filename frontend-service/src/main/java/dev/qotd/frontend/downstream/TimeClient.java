package dev.qotd.frontend.downstream;

import dev.qotd.support.requestid.RequestIdFilter;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/** time-service ({@code spring.http.serviceclient.time}); {@code text} is the busybox date line. */
@HttpExchange(accept = MediaType.APPLICATION_JSON_VALUE)
public interface TimeClient {

	String PATH = "/time";

	@GetExchange(PATH)
	ResponseEntity<TimeReply> now(@RequestHeader(RequestIdFilter.HEADER) String requestId);

	record TimeReply(String text) {
	}

}
