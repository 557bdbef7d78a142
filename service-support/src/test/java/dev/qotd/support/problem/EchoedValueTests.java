package dev.qotd.support.problem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a problem detail quotes of a value a client sent. */
class EchoedValueTests {

	@Test
	void shortPrintableValueIsQuotedAsSent() {
		assertThat(EchoedValue.of("Europe/Paris", 64)).isEqualTo("Europe/Paris");
		assertThat(EchoedValue.of("Zürich ☃", 64)).isEqualTo("Zürich ☃");
	}

	@Test
	void controlCharactersAreReplaced() {
		assertThat(EchoedValue.of("UTC\u0000\r\nX-Injected: 1", 64)).isEqualTo("UTC???X-Injected: 1");
	}

	@Test
	void longValueIsCutWithoutSplittingACharacter() {
		assertThat(EchoedValue.of("a".repeat(10_000), 64)).isEqualTo("a".repeat(64) + "...");
		assertThat(EchoedValue.of("🚀".repeat(3), 2)).isEqualTo("🚀🚀...");
	}

	@Test
	void missingValueIsEmpty() {
		assertThat(EchoedValue.of(null, 64)).isEmpty();
	}

}
