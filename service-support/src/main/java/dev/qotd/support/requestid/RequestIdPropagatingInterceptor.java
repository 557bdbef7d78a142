package dev.qotd.support.requestid;

import java.io.IOException;

import org.slf4j.MDC;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/** Passes the current request id on to the services this one calls. */
public class RequestIdPropagatingInterceptor implements ClientHttpRequestInterceptor {

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String requestId = MDC.get(RequestIdFilter.MDC_KEY);
		if (requestId != null && !request.getHeaders().containsHeader(RequestIdFilter.HEADER)) {
			request.getHeaders().set(RequestIdFilter.HEADER, requestId);
		}
		return execution.execute(request, body);
	}

}
