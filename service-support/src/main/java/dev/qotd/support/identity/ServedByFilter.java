package dev.qotd.support.identity;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/** Names the answering pod in every response, so that load balancing can be watched with curl. */
public class ServedByFilter extends OncePerRequestFilter {

	public static final String HEADER = "X-Served-By";

	private final String podName;

	public ServedByFilter(PodIdentity identity) {
		this.podName = identity.podName();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader(HEADER, this.podName);
		chain.doFilter(request, response);
	}

}
