package dev.qotd.support.problem;

import dev.qotd.support.requestid.RequestIdFilter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring MVC's problem details (unknown path, wrong method, bad parameter, and every
 * {@code ErrorResponse} a service throws), with the request id the answer's
 * {@code X-Request-Id} header carries, as the container's error answers have it: the id to
 * look for in the log.
 */
@ControllerAdvice
public class RequestIdProblemDetailsExceptionHandler extends ResponseEntityExceptionHandler {

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem && request instanceof ServletWebRequest servletRequest) {
			String requestId = RequestIdFilter.currentRequestId(servletRequest.getRequest());
			if (requestId != null) {
				problem.setProperty("requestId", requestId);
			}
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

}
