package dev.qotd.support.testapp;

import dev.qotd.support.text.PlainText;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The smallest service using service-support: one text/JSON endpoint with a parameter, and
 * one that fails, so that the shared behaviour is tested once, here.
 */
@SpringBootApplication
public class SupportTestApplication {

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
			throw new IllegalStateException("internal secret of the failure");
		}

	}

}
