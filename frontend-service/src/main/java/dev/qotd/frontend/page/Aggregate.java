package dev.qotd.frontend.page;

import java.util.Map;
import java.util.TreeMap;

import dev.qotd.frontend.downstream.Call;
import dev.qotd.support.identity.PodIdentity;
import dev.qotd.support.text.PlainText;

/**
 * The page: the quote and the time (each {@code null} when unavailable), how each was
 * obtained, and the frontend pod that assembled them. Its text is the walkthrough's two lines.
 */
public record Aggregate(String quote, String time, Map<String, Call> calls, PodIdentity servedBy)
		implements PlainText {

	Aggregate(Call quote, Call time, PodIdentity servedBy) {
		this(quote.value(), time.value(), new TreeMap<>(Map.of("quote", quote, "time", time)), servedBy);
	}

	public String quoteLine() {
		return (this.quote != null) ? this.quote : "unavailable (" + this.calls.get("quote").error() + ")";
	}

	public String timeLine() {
		return (this.time != null) ? this.time : "unavailable (" + this.calls.get("time").error() + ")";
	}

	@Override
	public String toPlainText() {
		return "Quote: " + quoteLine() + "\nTime: " + timeLine() + "\n";
	}

}
