package dev.qotd.quote.web;

import dev.qotd.support.identity.PodIdentity;
import dev.qotd.support.text.PlainText;

/** One quote, and the pod that picked it. */
public record RandomQuote(String quote, PodIdentity servedBy) implements PlainText {

	@Override
	public String toPlainText() {
		return this.quote + "\n";
	}

}
