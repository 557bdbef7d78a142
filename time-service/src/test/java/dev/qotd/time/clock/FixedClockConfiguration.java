package dev.qotd.time.clock;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Stops the service's clock at the walkthrough's moment, so that tests can assert the time. */
@TestConfiguration(proxyBeanMethods = false)
class FixedClockConfiguration {

	static final Instant NOW = Instant.parse("2026-11-28T18:29:03Z");

	@Bean
	@Primary
	Clock fixedClock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

}
