package dev.qotd.support.text;

/**
 * A response body that also has a plain-text form: what {@code curl} (which accepts
 * {@code *}{@code /*}) gets, while clients asking for JSON get the object serialized.
 */
public interface PlainText {

	/** The text/plain representation, ending with a newline. */
	String toPlainText();

}
