package dev.qotd.frontend.downstream;

/** A part of the page, the quote or the time, with how it was obtained. */
public record CallResult(String value, CallDetails details) {

	public boolean available() {
		return this.details.available();
	}

}
