package dev.qotd.frontend.downstream;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/** time-service, at {@code TIME_SERVICE_URL} (default {@code http://time-svc}). */
@HttpExchange(accept = MediaType.APPLICATION_JSON_VALUE)
public interface TimeClient {

	String PATH = "/time";

	@GetExchange(PATH)
	ResponseEntity<TimeReply> now();

	/** {@code text} is the busybox date line, the frontend's second line. */
	record TimeReply(String text) {
	}

}
