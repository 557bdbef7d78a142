package dev.qotd.support.requestid;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdFilterTests {

	private static final String GENERATED_ID = "[0-9a-f]{32}";

	private final RequestIdFilter filter = new RequestIdFilter();

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@ParameterizedTest
	@ValueSource(strings = { "frontend-1", "0af7651916cd43dd8448eb211c80319c", "4bf92f35-77b3-4da6-a3ef-e2b5f2a61c2e",
			"a.b_c:d-e", "x" })
	void callersSaneIdIsKept(String id) throws Exception {
		assertThat(filter(id).getHeader(RequestIdFilter.HEADER)).isEqualTo(id);
	}

	@Test
	void callersIdOfTheMaximumLengthIsKept() throws Exception {
		String id = "a".repeat(128);
		assertThat(filter(id).getHeader(RequestIdFilter.HEADER)).isEqualTo(id);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "two words", "line\r\nX-Injected: yes", "line\nbreak", "tab\there", "ünïcode",
			"<script>", "a;b", "a/b" })
	void callersInsaneIdIsReplaced(String id) throws Exception {
		assertThat(filter(id).getHeader(RequestIdFilter.HEADER)).matches(GENERATED_ID);
	}

	@Test
	void tooLongIdIsReplaced() throws Exception {
		assertThat(filter("a".repeat(129)).getHeader(RequestIdFilter.HEADER)).matches(GENERATED_ID);
	}

	@Test
	void missingIdIsGenerated() throws Exception {
		assertThat(filter(null).getHeader(RequestIdFilter.HEADER)).matches(GENERATED_ID);
	}

	@Test
	void generatedIdsDiffer() {
		assertThat(RequestIdFilter.generate()).matches(GENERATED_ID).isNotEqualTo(RequestIdFilter.generate());
	}

	@Test
	void idIsInTheMdcAndTheRequestWhileTheRequestIsServedOnly() throws Exception {
		AtomicReference<String> inMdc = new AtomicReference<>();
		AtomicReference<String> inRequest = new AtomicReference<>();
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.addHeader(RequestIdFilter.HEADER, "abc-123");
		HttpServlet servlet = new HttpServlet() {
			@Override
			protected void service(HttpServletRequest req, HttpServletResponse resp) {
				inMdc.set(MDC.get(RequestIdFilter.MDC_KEY));
				inRequest.set(RequestIdFilter.currentRequestId(req));
			}
		};
		this.filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain(servlet));
		assertThat(inMdc).hasValue("abc-123");
		assertThat(inRequest).hasValue("abc-123");
		assertThat(MDC.get(RequestIdFilter.MDC_KEY)).isNull();
	}

	private MockHttpServletResponse filter(String requestId) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		if (requestId != null) {
			request.addHeader(RequestIdFilter.HEADER, requestId);
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain());
		assertThat(RequestIdFilter.currentRequestId(request)).isEqualTo(response.getHeader(RequestIdFilter.HEADER));
		return response;
	}

}
