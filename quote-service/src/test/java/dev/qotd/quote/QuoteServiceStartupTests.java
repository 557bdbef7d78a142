package dev.qotd.quote;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class QuoteServiceStartupTests {

	@Test
	void aQuotesVariableWithoutAQuoteStopsTheStartWithAReportNamingIt(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(QuoteServiceApplication.class)
			.properties("server.port=0", "QUOTES=\"\"")
			.run());

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value '\"\"' for configuration property 'QUOTES'")
			.contains("It holds no quote")
			.doesNotContain("\tat ");
	}

}
