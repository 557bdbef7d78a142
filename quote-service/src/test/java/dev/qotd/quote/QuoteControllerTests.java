package dev.qotd.quote;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@WebMvcTest(properties = { "QUOTES=\"Well begun is half done.\"", "POD_NAME=quote-5d8f-abcde", "POD_IP=10.42.0.9",
		"NODE_NAME=node-1" })
@Import(QuoteCatalog.class)
class QuoteControllerTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void curlGetsTheQuoteAndANewline() {
		for (String path : new String[] { "/", "/quote" }) {
			assertThat(this.mvc.get().uri(path).accept(MediaType.ALL)).hasStatusOk()
				.hasContentType("text/plain;charset=UTF-8")
				.hasHeader("X-Served-By", "quote-5d8f-abcde")
				.hasBodyTextEqualTo("Well begun is half done.\n");
		}
	}

	@Test
	void jsonNamesTheQuoteAndThePodThatPickedIt() {
		assertThat(this.mvc.get().uri("/quote").accept(MediaType.APPLICATION_JSON)).hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("""
					{"quote": "Well begun is half done.",
					 "servedBy": {"podName": "quote-5d8f-abcde", "podIp": "10.42.0.9", "nodeName": "node-1"}}""");
	}

	@Test
	void allQuotesAreOneALineOrAJsonArray() {
		assertThat(this.mvc.get().uri("/quotes")).hasBodyTextEqualTo("Well begun is half done.\n");
		assertThat(this.mvc.get().uri("/quotes").accept(MediaType.APPLICATION_JSON)).bodyJson()
			.isStrictlyEqualTo("[\"Well begun is half done.\"]");
	}

	@Test
	void aMethodNotServedIsAProblem() {
		assertThat(this.mvc.put().uri("/quote")).hasStatus(405)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.requestId")
			.asString()
			.matches("[0-9a-f]{32}");
	}

}
