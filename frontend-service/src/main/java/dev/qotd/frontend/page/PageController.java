package dev.qotd.frontend.page;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code GET /}: the two lines for curl ({@code text/plain}, what {@code *}{@code /*}
 * gets), routing details as JSON, a page for browsers. 503 only when both parts failed.
 */
@Controller
class PageController {

	private final QuoteOfTheDay quoteOfTheDay;

	PageController(QuoteOfTheDay quoteOfTheDay) {
		this.quoteOfTheDay = quoteOfTheDay;
	}

	/** No {@code produces}: for {@code *}{@code /*} this mapping wins over the HTML one. */
	@GetMapping("/")
	@ResponseBody
	ResponseEntity<Aggregate> aggregate() {
		Aggregate aggregate = this.quoteOfTheDay.assemble();
		return ResponseEntity.status(statusOf(aggregate)).cacheControl(CacheControl.noStore()).body(aggregate);
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	ModelAndView page(HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
		Aggregate aggregate = this.quoteOfTheDay.assemble();
		ModelAndView page = new ModelAndView("index", "page", aggregate);
		page.setStatus(statusOf(aggregate));
		return page;
	}

	private static HttpStatus statusOf(Aggregate aggregate) {
		return aggregate.nothingAvailable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK;
	}

}
