package dev.qotd.time.clock;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultZoneFailureAnalyzerTests {

	@Test
	void analysisNamesTheTzAndHowToFixIt() {
		DefaultZoneException cause = new DefaultZoneException("Mars/Olympus", "no such zone in the time-zone database");
		FailureAnalysis analysis = new DefaultZoneFailureAnalyzer()
			.analyze(new BeanCreationException("timeController", "Failed to instantiate", cause));
		assertThat(analysis.getDescription()).isEqualTo(
				"The default time zone cannot be read from TZ=Mars/Olympus: no such zone in the time-zone database");
		assertThat(analysis.getAction()).startsWith("Set TZ to a zone id such as Europe/Paris").endsWith("unset it for UTC.");
		assertThat(analysis.getCause()).isSameAs(cause);
	}

}
