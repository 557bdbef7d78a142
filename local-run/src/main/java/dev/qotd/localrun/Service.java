package dev.qotd.localrun;

/** The three services, with the module that builds each and its local default port. */
public enum Service {

	QUOTE("quote-service", "quote", 8081),

	TIME("time-service", "time", 8082),

	FRONTEND("frontend-service", "frontend", 8080);

	private final String module;

	private final String shortName;

	private final int defaultPort;

	Service(String module, String shortName, int defaultPort) {
		this.module = module;
		this.shortName = shortName;
		this.defaultPort = defaultPort;
	}

	/** The Maven module, also the jar's and the container image's name. */
	public String module() {
		return this.module;
	}

	/** The name in command-line options ({@code --quote-port}) and local pod names. */
	public String shortName() {
		return this.shortName;
	}

	public int defaultPort() {
		return this.defaultPort;
	}

}
