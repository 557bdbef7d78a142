package dev.qotd.support.requestid;

import java.net.URI;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdPropagatingInterceptorTests {

	private final RequestIdPropagatingInterceptor interceptor = new RequestIdPropagatingInterceptor();

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void currentRequestIdIsPassedOn() throws Exception {
		MDC.put(RequestIdFilter.MDC_KEY, "frontend-77");
		assertThat(send(new MockClientHttpRequest(HttpMethod.GET, URI.create("http://quote-svc/")))
			.getFirst(RequestIdFilter.HEADER)).isEqualTo("frontend-77");
	}

	@Test
	void outsideARequestNoIdIsSent() throws Exception {
		assertThat(send(new MockClientHttpRequest(HttpMethod.GET, URI.create("http://quote-svc/")))
			.containsHeader(RequestIdFilter.HEADER)).isFalse();
	}

	@Test
	void anIdSetOnTheCallIsKept() throws Exception {
		MDC.put(RequestIdFilter.MDC_KEY, "frontend-77");
		MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET, URI.create("http://quote-svc/"));
		request.getHeaders().set(RequestIdFilter.HEADER, "explicit");
		assertThat(send(request).get(RequestIdFilter.HEADER)).containsExactly("explicit");
	}

	private HttpHeaders send(MockClientHttpRequest request) throws Exception {
		HttpRequest[] sent = new HttpRequest[1];
		this.interceptor.intercept(request, new byte[0], (req, body) -> {
			sent[0] = req;
			return new MockClientHttpResponse();
		});
		return sent[0].getHeaders();
	}

}
