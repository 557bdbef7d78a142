package dev.qotd.support.requestid;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token,
 * otherwise a new one in nginx's {@code $request_id} format (32 hex digits). The id is
 * echoed in the response, written in every log line of the request (MDC key
 * {@value #MDC_KEY}) and passed on to downstream calls.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	public static final String HEADER = "X-Request-Id";

	public static final String MDC_KEY = "requestId";

	private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";

	/** Ids travel in headers and log lines: keep them short and free of separators. */
	private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// The container's error dispatch of a failed request comes through here again: it
		// keeps the id the request was logged under, rather than answering with a new one.
		String requestId = currentRequestId(request);
		if (requestId == null) {
			requestId = acceptOrGenerate(request.getHeader(HEADER));
			request.setAttribute(ATTRIBUTE, requestId);
		}
		response.setHeader(HEADER, requestId);
		MDC.put(MDC_KEY, requestId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	/** The id of the request being served, or {@code null} outside this filter. */
	public static String currentRequestId(ServletRequest request) {
		return (String) request.getAttribute(ATTRIBUTE);
	}

	/** {@code candidate} if it is a sane id (a short token without separators), otherwise a new id. */
	public static String acceptOrGenerate(String candidate) {
		return (candidate != null && ACCEPTED.matcher(candidate).matches()) ? candidate : generate();
	}

	static String generate() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return String.format("%016x%016x", random.nextLong(), random.nextLong());
	}

}
