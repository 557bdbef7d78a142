package dev.qotd.support.identity;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import dev.qotd.support.requestid.RequestIdFilter;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /whoami}: the plain-text page of {@code nginxdemos/hello:plain-text}, which
 * the walkthrough curls to see which pod a Service routed it to.
 */
@RestController
public class WhoamiController {

	/** nginx's {@code $time_local} format. */
	private static final DateTimeFormatter NGINX_TIME_LOCAL = DateTimeFormatter
		.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

	private final PodIdentity identity;

	public WhoamiController(PodIdentity identity) {
		this.identity = identity;
	}

	@GetMapping(path = "/whoami", produces = MediaType.TEXT_PLAIN_VALUE)
	public String whoami(HttpServletRequest request) {
		String uri = request.getRequestURI() + ((request.getQueryString() != null) ? "?" + request.getQueryString() : "");
		return """
				Server address: %s:%d
				Server name: %s
				Node name: %s
				Date: %s
				URI: %s
				Request ID: %s
				""".formatted(request.getLocalAddr(), request.getLocalPort(), this.identity.podName(),
				this.identity.nodeName(), NGINX_TIME_LOCAL.format(ZonedDateTime.now(ZoneOffset.UTC)), uri,
				RequestIdFilter.current());
	}

}
