package dev.qotd.frontend.downstream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the frontend calls its downstream services; their URLs and timeouts are Spring's
 * {@code spring.http.serviceclient.*} and {@code spring.http.clients.*} settings.
 * @param deadline the longest wait for either call before its part is marked unavailable
 * @param maxConnections pooled keep-alive connections per downstream service
 * @param connectionTimeToLive how long a pooled connection is used at most: a Service
 * balances connections, not requests, so new connections let the calls spread over all the
 * pods behind it (and reach pods added by a scale-up)
 */
@ConfigurationProperties("frontend.downstream")
public record DownstreamProperties(Duration deadline, int maxConnections, Duration connectionTimeToLive) {

	public DownstreamProperties {
		if (deadline == null) {
			deadline = Duration.ofMillis(1500);
		}
		if (maxConnections <= 0) {
			maxConnections = 128;
		}
		if (connectionTimeToLive == null) {
			connectionTimeToLive = Duration.ofSeconds(1);
		}
	}

}
