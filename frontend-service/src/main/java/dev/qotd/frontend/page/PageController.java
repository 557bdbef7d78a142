package dev.qotd.frontend.page;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.qotd.frontend.downstream.Downstream.Call;
import dev.qotd.frontend.downstream.Downstream;
import dev.qotd.frontend.downstream.QuoteClient.QuoteReply;
import dev.qotd.frontend.downstream.TimeClient.TimeReply;
import dev.qotd.support.identity.PodIdentity;
import dev.qotd.support.requestid.RequestIdFilter;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code GET /}: the two lines for curl ({@code text/plain}, what {@code *}{@code /*} gets),
 * JSON, or a page for browsers; never cached, a 503 only when both parts are unavailable.
 */
@Controller
class PageController {

	private static final Logger logger = LoggerFactory.getLogger(PageController.class);

	private final Downstream<QuoteReply> quoteService;

	private final Downstream<TimeReply> timeService;

	private final PodIdentity identity;

	PageController(Downstream<QuoteReply> quoteService, Downstream<TimeReply> timeService, PodIdentity identity) {
		this.quoteService = quoteService;
		this.timeService = timeService;
		this.identity = identity;
	}

	/** No {@code produces}: for {@code *}{@code /*} this mapping wins over the HTML one. */
	@GetMapping("/")
	ResponseEntity<Aggregate> aggregate() {
		Aggregate aggregate = assemble();
		return ResponseEntity.status(statusOf(aggregate)).cacheControl(CacheControl.noStore()).body(aggregate);
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	ModelAndView page(HttpServletResponse response) {
		Aggregate aggregate = assemble();
		response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
		return new ModelAndView("index", Map.of("page", aggregate), statusOf(aggregate));
	}

	private Aggregate assemble() {
		String requestId = RequestIdFilter.current();
		CompletableFuture<Call> quote = this.quoteService.call(requestId);
		CompletableFuture<Call> time = this.timeService.call(requestId);
		Aggregate aggregate = new Aggregate(quote.join(), time.join(), this.identity);
		// Logged on the request's thread, so that each line names the request id.
		aggregate.calls().values().stream().filter((call) -> call.error() != null).forEach((call) -> logger
			.warn("{} unavailable: {} ({} ms)", call.url(), call.error(), call.latencyMs()));
		return aggregate;
	}

	private static HttpStatus statusOf(Aggregate aggregate) {
		return (aggregate.quote() == null && aggregate.time() == null) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK;
	}

}
