package dev.qotd.quote.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.qotd.support.text.PlainText;

/** Every quote being served: a JSON array, or one quote a line. */
public record QuoteList(@JsonValue List<String> quotes) implements PlainText {

	@Override
	public String toPlainText() {
		return String.join("\n", this.quotes) + "\n";
	}

}
