package dev.qotd.support.problem;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.http.HttpStatus;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.handler.AbstractHandlerExceptionResolver;

/**
 * Client mistakes that Spring MVC would otherwise answer badly, answered through the
 * error page ({@link ProblemDetailsErrorController}) with a detail that says what to fix:
 * <ul>
 * <li>a query string Tomcat cannot read ({@code ?zone=%ZZ}, {@code ?=x}, thousands of
 * parameters): Tomcat throws from {@code getParameter}, Spring MVC does not handle it, so
 * Tomcat logged the client's mistake as an ERROR with a stack trace and answered
 * "Bad Request" without saying why;</li>
 * <li>an {@code Accept} header Spring MVC cannot read ({@code garbage}, {@code text/},
 * more than 50 media types): it answered 406 without a body, as it cannot negotiate one.</li>
 * </ul>
 * Ordered before Spring MVC's own resolvers; exceptions it does not know it leaves to them.
 */
public class MalformedRequestExceptionResolver extends AbstractHandlerExceptionResolver {

	static final String UNREADABLE_QUERY = "The query string '%s' cannot be read: write it as name=value pairs "
			+ "separated by '&', percent-encoded in UTF-8 (a '%%' followed by two hexadecimal digits, as in %%2F), "
			+ "and keep to the few parameters the endpoint takes.";

	static final String UNPARSABLE_ACCEPT = "The Accept header '%s' cannot be read: it must be a list of at most 50 "
			+ "media types. Send, for example, 'Accept: text/plain', 'Accept: application/json' or 'Accept: */*'.";

	/** How much of the offending value a detail quotes. */
	private static final int QUOTED_AT_MOST = 100;

	/** How Spring MVC reads the Accept header, so that what it cannot read is recognized. */
	private final ContentNegotiationStrategy acceptHeader = new HeaderContentNegotiationStrategy();

	public MalformedRequestExceptionResolver() {
		setOrder(-1);
	}

	@Override
	protected ModelAndView doResolveException(HttpServletRequest request, HttpServletResponse response,
			Object handler, Exception ex) {
		try {
			if (ex instanceof InvalidParameterException invalid) {
				int status = invalid.getErrorCode();
				return sendError(request, response, status,
						(status == 400) ? UNREADABLE_QUERY.formatted(quoted(request.getQueryString())) : null);
			}
			if (ex instanceof HttpMediaTypeNotAcceptableException && !isReadable(request)) {
				return sendError(request, response, HttpStatus.NOT_ACCEPTABLE.value(),
						UNPARSABLE_ACCEPT.formatted(quoted(request.getHeader("Accept"))));
			}
		}
		catch (IOException ioEx) {
			logger.debug("Cannot answer " + ex, ioEx);
		}
		return null;
	}

	private static ModelAndView sendError(HttpServletRequest request, HttpServletResponse response, int status,
			String detail) throws IOException {
		if (detail != null) {
			request.setAttribute(ProblemDetailsErrorController.DETAIL_ATTRIBUTE, detail);
		}
		response.sendError(status);
		return new ModelAndView();
	}

	/** The offending value as the detail quotes it: at most 100 characters, controls replaced. */
	private static String quoted(String value) {
		return EchoedValue.of(value, QUOTED_AT_MOST);
	}

	private boolean isReadable(HttpServletRequest request) {
		try {
			this.acceptHeader.resolveMediaTypes(new ServletWebRequest(request));
			return true;
		}
		catch (HttpMediaTypeNotAcceptableException ex) {
			return false;
		}
	}

}
