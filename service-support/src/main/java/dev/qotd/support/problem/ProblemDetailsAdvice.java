package dev.qotd.support.problem;

import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;

import dev.qotd.support.requestid.RequestIdFilter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Every error the application answers is an RFC 9457 problem ({@code application/problem+json})
 * naming the request id, the id to look for in the log: Spring MVC's own (unknown path, wrong
 * method, a header it cannot serve), those a service throws, and unexpected failures, which
 * are logged once under that id and never show their exception.
 */
@ControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	/** How much of a client's value a detail quotes back. */
	private static final int QUOTED_AT_MOST = 64;

	/** A client's value as a detail quotes it: cut short, control characters replaced. */
	public static String quoted(String value) {
		String shown = (value != null) ? value.replaceAll("\\p{Cntrl}", "?") : "";
		return (shown.length() > QUOTED_AT_MOST) ? shown.substring(0, QUOTED_AT_MOST) + "..." : shown;
	}

	@ExceptionHandler
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request, HttpServletRequest servletRequest) {
		if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
			return null;
		}
		if (isUnreadableQueryString(ex)) {
			return problem(ex, HttpStatus.BAD_REQUEST, ("The query string '%s' cannot be read: write it as name=value "
					+ "pairs separated by '&', percent-encoded in UTF-8 (as in %%2F), and send only the parameters "
					+ "the endpoint takes.").formatted(quoted(servletRequest.getQueryString())), request);
		}
		logger.error("Unexpected failure of " + request.getDescription(false), ex);
		return problem(ex, HttpStatus.INTERNAL_SERVER_ERROR,
				"The service failed to answer; its log has the details under the request id.", request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String acceptable = ex.getSupportedMediaTypes().isEmpty() ? "text/plain or application/json"
				: MediaType.toString(ex.getSupportedMediaTypes());
		return problem(ex, status, "Cannot answer with Accept: '%s'. Acceptable: %s."
			.formatted(quoted(request.getHeader(HttpHeaders.ACCEPT)), acceptable), request);
	}

	/**
	 * Names the request id in every problem, and states the media type: a problem is answered
	 * even when the Accept header cannot be read or asks for something else.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		HttpHeaders problemHeaders = HttpHeaders.copyOf(headers);
		if (body instanceof ProblemDetail problem) {
			problem.setProperty("requestId", RequestIdFilter.current());
			problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		return super.createResponseEntity(body, problemHeaders, statusCode, request);
	}

	private ResponseEntity<Object> problem(Exception ex, HttpStatusCode status, String detail, WebRequest request) {
		return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(status, detail), new HttpHeaders(), status,
				request);
	}

	/**
	 * Servlet 6.1: getParameter and its siblings throw IllegalStateException for a query
	 * string the container cannot decode (?zone=%ZZ, ?=x, too many parameters).
	 */
	private static boolean isUnreadableQueryString(Exception ex) {
		return ex instanceof IllegalStateException && Arrays.stream(ex.getStackTrace())
			.anyMatch((frame) -> frame.getMethodName().startsWith("getParameter"));
	}

}
