package dev.qotd.frontend.page;

import java.util.Map;
import java.util.TreeMap;

import dev.qotd.frontend.downstream.Downstream.Call;
import dev.qotd.support.identity.PodIdentity;
import dev.qotd.support.text.PlainText;

/**
 * The page: the quote and the time ({@code null} when unavailable), how each was obtained,
 * and the frontend pod that assembled them. Its text is the walkthrough's two lines.
 */
public record Aggregate(String quote, String time, Map<String, Call> calls, PodIdentity servedBy)
		implements PlainText {

	Aggregate(Call quote, Call time, PodIdentity servedBy) {
		this(quote.value(), time.value(), new TreeMap<>(Map.of("quote", quote, "time", time)), servedBy);
	}

	/** The part from {@code service}, or {@code unavailable (reason)}. */
	public String line(String service) {
		Call call = this.calls.get(service);
		return (call.value() != null) ? call.value() : "unavailable (" + call.error() + ")";
	}

	@Override
	public String toPlainText() {
		return "Quote: " + line("quote") + "\nTime: " + line("time") + "\n";
	}

}
