package dev.qotd.support.problem;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.qotd.support.identity.ServedByFilter;
import dev.qotd.support.requestid.RequestIdFilter;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Answers the requests that Tomcat rejects before any servlet, filter or error page of the
 * application sees them (an invalid path such as {@code /%ZZ} or {@code /../etc}, headers
 * over the size limit, a malformed request line) with a short RFC 9457 problem and the
 * {@code X-Served-By} and {@code X-Request-Id} headers every other answer has, instead of
 * Tomcat's HTML error page. Errors of requests that reach the application are still
 * answered by its error page, {@link ProblemDetailsErrorController}.
 */
public class ProblemDetailsErrorReportValve extends ErrorReportValve {

	private final String podName;

	public ProblemDetailsErrorReportValve(String podName) {
		this.podName = podName;
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int statusCode = response.getStatus();
		// As ErrorReportValve: only an error not reported yet, and only if nothing was written.
		if (statusCode < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		String requestId = RequestIdFilter.currentRequestId(request);
		if (requestId == null) {
			requestId = RequestIdFilter.acceptOrGenerate(headerOrNull(request, RequestIdFilter.HEADER));
		}
		try {
			response.setHeader(ServedByFilter.HEADER, this.podName);
			response.setHeader(RequestIdFilter.HEADER, requestId);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			write(response, problem(statusCode, requestId).getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response cannot be written: nothing left to tell it.
		}
	}

	/** The problem, as ProblemDetailsErrorController writes it; only ASCII, so any writer will do. */
	static String problem(int statusCode, String requestId) {
		HttpStatus status = HttpStatus.resolve(statusCode);
		String title = (status != null) ? status.getReasonPhrase() : "Error";
		return "{\"detail\":\"%s\",\"status\":%d,\"title\":\"%s\",\"requestId\":\"%s\"}".formatted(detailFor(statusCode),
				statusCode, title, requestId);
	}

	private static String detailFor(int statusCode) {
		return switch (statusCode) {
			case 400 -> "The request is malformed and was not processed: check its path and percent-encoding "
					+ "(no encoded '/', '\\\\' or NUL, no '..' above the root), its header syntax, and keep its "
					+ "request line and headers under 8 KB.";
			case 501 -> "The service does not implement this request's method or transfer coding.";
			case 505 -> "The service speaks HTTP/1.1; send the request as HTTP/1.1.";
			default -> "The request was rejected before it reached the service.";
		};
	}

	private static void write(Response response, byte[] body) throws IOException {
		response.setContentLength(body.length);
		try {
			OutputStream output = response.getOutputStream();
			output.write(body);
		}
		catch (IllegalStateException ex) {
			// getWriter() was used already; the body is ASCII, any charset writes it the same.
			Writer writer = response.getReporter();
			if (writer == null) {
				return;
			}
			writer.write(new String(body, StandardCharsets.US_ASCII));
		}
		response.finishResponse();
	}

	/** Headers a failed parse left are not to be trusted: any failure reading them is no header. */
	private static String headerOrNull(Request request, String name) {
		try {
			return request.getHeader(name);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
