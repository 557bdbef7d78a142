package dev.qotd.frontend.page;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.qotd.frontend.downstream.CallDetails;
import dev.qotd.frontend.downstream.CallResult;
import dev.qotd.support.identity.PodIdentity;
import dev.qotd.support.text.PlainText;

/**
 * The page: the quote and the time (each {@code null} when unavailable), how each was
 * obtained, and the frontend pod that assembled them. Its text form is the walkthrough's
 * two lines.
 */
public record Aggregate(String quote, String time, Map<String, CallDetails> calls, PodIdentity servedBy)
		implements PlainText {

	static Aggregate of(CallResult quote, CallResult time, PodIdentity servedBy) {
		Map<String, CallDetails> calls = new LinkedHashMap<>();
		calls.put("quote", quote.details());
		calls.put("time", time.details());
		return new Aggregate(quote.value(), time.value(), calls, servedBy);
	}

	/** Whether neither part could be obtained: the answer is then a 503. */
	public boolean nothingAvailable() {
		return this.quote == null && this.time == null;
	}

	/** The quote line's text: the quote, or {@code unavailable (reason)}. */
	public String quoteLine() {
		return line(this.quote, this.calls.get("quote"));
	}

	/** The time line's text: the time, or {@code unavailable (reason)}. */
	public String timeLine() {
		return line(this.time, this.calls.get("time"));
	}

	@Override
	public String toPlainText() {
		return "Quote: " + quoteLine() + "\nTime: " + timeLine() + "\n";
	}

	private static String line(String value, CallDetails call) {
		return (value != null) ? value : "unavailable (" + call.error() + ")";
	}

}
