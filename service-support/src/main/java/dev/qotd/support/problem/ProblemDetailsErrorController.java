package dev.qotd.support.problem;

import java.net.URI;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import dev.qotd.support.requestid.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.NoHandlerFoundException;

/**
 * Answers the servlet container's error dispatches (errors raised outside Spring MVC's
 * own exception handling) with RFC 9457 problem details instead of Boot's default error
 * JSON or white-label page. Never includes a stack trace or an exception message. A client
 * asking for the error path itself gets the 404 of any path the service does not serve.
 */
@RestController
@RequestMapping("${server.error.path:/error}")
public class ProblemDetailsErrorController implements ErrorController {

	/**
	 * The request attribute with the detail of a client error, set by whoever calls
	 * {@code sendError} with a 4xx status and knows what the client should change.
	 */
	public static final String DETAIL_ATTRIBUTE = ProblemDetailsErrorController.class.getName() + ".detail";

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsErrorController.class);

	@RequestMapping
	public ResponseEntity<ProblemDetail> error(HttpServletRequest request) throws NoHandlerFoundException {
		// An error page has a status (Tomcat includes it, not dispatches, once the answer is committed).
		if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
			throw new NoHandlerFoundException(request.getMethod(), request.getRequestURI(), HttpHeaders.EMPTY);
		}
		HttpStatus status = statusOf(request);
		if (status.is5xxServerError()) {
			logFailure(request, status);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detailFor(status, request));
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
			problem.setInstance(safeUri(path));
		}
		String requestId = RequestIdFilter.currentRequestId(request);
		if (requestId != null) {
			problem.setProperty("requestId", requestId);
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpStatus statusOf(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code instanceof Integer value) {
			HttpStatus status = HttpStatus.resolve(value);
			if (status != null && status.isError()) {
				return status;
			}
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	/**
	 * The container logs a failure's stack trace once the request has left the request-id
	 * filter, so without the id; this line, written under the id the answer names, is what
	 * a search for that id finds (the stack trace is the container's line just before).
	 */
	private static void logFailure(HttpServletRequest request, HttpStatus status) {
		Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		logger.error("Answered {} to {} {}: {}", status.value(), request.getMethod(),
				request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
				(exception != null) ? exception.toString() : "failed without an exception");
	}

	private static String detailFor(HttpStatus status, HttpServletRequest request) {
		if (status.is5xxServerError()) {
			return "The service failed to answer this request; its log has the details under the request id.";
		}
		if (request.getAttribute(DETAIL_ATTRIBUTE) instanceof String detail) {
			return detail;
		}
		if (status == HttpStatus.NOT_FOUND) {
			return "No resource at this path. See /whoami, /actuator/health and the service's documented endpoints.";
		}
		return status.getReasonPhrase();
	}

	private static URI safeUri(String path) {
		try {
			return URI.create(path);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
