package dev.qotd.localrun;

/** Something that stops the local run, with a message that says what to do about it. */
public class LocalRunException extends RuntimeException {

	public LocalRunException(String message) {
		super(message);
	}

	public LocalRunException(String message, Throwable cause) {
		super(message, cause);
	}

}
