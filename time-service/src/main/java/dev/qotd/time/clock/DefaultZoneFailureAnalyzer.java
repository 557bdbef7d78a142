package dev.qotd.time.clock;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad {@code TZ} into Boot's short "APPLICATION FAILED TO START" report. */
class DefaultZoneFailureAnalyzer extends AbstractFailureAnalyzer<DefaultZoneException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DefaultZoneException cause) {
		return new FailureAnalysis("The default time zone cannot be read from " + cause.getMessage(),
				"Set TZ to a zone id such as Europe/Paris, America/New_York or UTC (as date does, also "
						+ ":Europe/Paris, /usr/share/zoneinfo/Europe/Paris or :/etc/localtime for the system's "
						+ "zone), or unset it for UTC.",
				cause);
	}

}
