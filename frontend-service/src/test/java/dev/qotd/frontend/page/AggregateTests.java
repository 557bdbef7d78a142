package dev.qotd.frontend.page;

import dev.qotd.frontend.downstream.CallDetails;
import dev.qotd.frontend.downstream.CallResult;
import dev.qotd.support.identity.PodIdentity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class AggregateTests {

	private static final PodIdentity FRONTEND = new PodIdentity("frontend-7c9d-x2k4q", "10.42.0.7", "node-1");

	private static final String QUOTE = "The journey of a thousand miles begins with a single step.";

	private static final String TIME = "Sat Nov 28 18:29:03 UTC 2026";

	@Test
	void plainTextIsTheWalkthroughsTwoLines() {
		Aggregate aggregate = Aggregate.of(answered(QUOTE), answered(TIME), FRONTEND);
		assertThat(aggregate.toPlainText()).isEqualTo("Quote: " + QUOTE + "\nTime: " + TIME + "\n");
		assertThat(aggregate.nothingAvailable()).isFalse();
	}

	@Test
	void missingQuoteIsMarkedUnavailableWithItsReason() {
		Aggregate aggregate = Aggregate.of(failed("connection refused"), answered(TIME), FRONTEND);
		assertThat(aggregate.toPlainText()).isEqualTo("Quote: unavailable (connection refused)\nTime: " + TIME + "\n");
		assertThat(aggregate.quote()).isNull();
		assertThat(aggregate.nothingAvailable()).isFalse();
	}

	@Test
	void missingTimeIsMarkedUnavailableWithItsReason() {
		Aggregate aggregate = Aggregate.of(answered(QUOTE), failed("no answer within 1500 ms"), FRONTEND);
		assertThat(aggregate.toPlainText())
			.isEqualTo("Quote: " + QUOTE + "\nTime: unavailable (no answer within 1500 ms)\n");
		assertThat(aggregate.time()).isNull();
		assertThat(aggregate.nothingAvailable()).isFalse();
	}

	@Test
	void nothingIsAvailableOnlyWhenBothPartsFailed() {
		Aggregate aggregate = Aggregate.of(failed("HTTP 500"), failed("unknown host time-svc"), FRONTEND);
		assertThat(aggregate.nothingAvailable()).isTrue();
		assertThat(aggregate.toPlainText())
			.isEqualTo("Quote: unavailable (HTTP 500)\nTime: unavailable (unknown host time-svc)\n");
	}

	@Test
	void keepsEachCallsDetailsUnderItsNameQuoteFirst() {
		CallResult quote = answered(QUOTE);
		CallResult time = failed("HTTP 500");
		Aggregate aggregate = Aggregate.of(quote, time, FRONTEND);
		assertThat(aggregate.calls()).containsExactly(entry("quote", quote.details()), entry("time", time.details()));
		assertThat(aggregate.servedBy()).isEqualTo(FRONTEND);
	}

	private static CallResult answered(String value) {
		return new CallResult(value, new CallDetails("http://svc/x", "10.43.0.10", "svc-abc12", 200, 3, null));
	}

	private static CallResult failed(String error) {
		return new CallResult(null, new CallDetails("http://svc/x", "10.43.0.10", null, null, 1500, error));
	}

}
