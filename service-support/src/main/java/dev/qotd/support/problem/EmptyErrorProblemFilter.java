package dev.qotd.support.problem;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives an error answered without a body the problem every other error has, by sending
 * it to the error page ({@link ProblemDetailsErrorController}). Such answers come from
 * Actuator ({@code /actuator/health/no-such-group} is a bare 404) and from Spring MVC when
 * the client's {@code Accept} header cannot be read, so that no body could be negotiated
 * (a bare 404 for {@code /no/such/path} with {@code Accept: garbage}).
 */
public class EmptyErrorProblemFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		BodyWatchingResponse watched = new BodyWatchingResponse(response);
		chain.doFilter(request, watched);
		if (response.getStatus() >= 400 && !watched.bodyUsed && !response.isCommitted()
				&& !request.isAsyncStarted()) {
			response.sendError(response.getStatus());
		}
	}

	/** Notes whether anything asked for the body: a stream or a writer. */
	private static final class BodyWatchingResponse extends HttpServletResponseWrapper {

		private boolean bodyUsed;

		BodyWatchingResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			this.bodyUsed = true;
			return super.getOutputStream();
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			this.bodyUsed = true;
			return super.getWriter();
		}

		@Override
		public void sendError(int sc) throws IOException {
			this.bodyUsed = true;
			super.sendError(sc);
		}

		@Override
		public void sendError(int sc, String msg) throws IOException {
			this.bodyUsed = true;
			super.sendError(sc, msg);
		}

	}

}
