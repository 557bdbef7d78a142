package dev.qotd.support.testapp;

import java.util.concurrent.atomic.AtomicReference;

import dev.qotd.support.requestid.RequestIdFilter;
import dev.qotd.support.text.PlainText;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The smallest service using service-support: one text/JSON endpoint, one that rejects
 * bad input and one that fails, so that the shared behaviour is tested once, here.
 */
@SpringBootApplication
public class SupportTestApplication {

	/** The request id the last {@code /failure} request was logged under. */
	public static final AtomicReference<String> lastFailingRequestId = new AtomicReference<>();

	public record Greeting(String greeting, int times) implements PlainText {

		@Override
		public String toPlainText() {
			return this.greeting.repeat(this.times) + "\n";
		}

	}

	@RestController
	static class GreetingController {

		@GetMapping("/greeting")
		Greeting greeting(@RequestParam(defaultValue = "1") int times) {
			return new Greeting("Hello!", times);
		}

		@GetMapping("/failure")
		Greeting failure() {
			lastFailingRequestId.set(MDC.get(RequestIdFilter.MDC_KEY));
			throw new IllegalStateException("internal secret of the failure");
		}

	}

}
