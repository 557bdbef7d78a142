package dev.qotd.localrun;

import java.util.Locale;

/** The three services, by the short name of options ({@code --quote-port}) and local pod names. */
public enum Service {

	QUOTE, TIME, FRONTEND;

	public String shortName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The Maven module, also the jar's and the image's name. */
	public String module() {
		return shortName() + "-service";
	}

}
