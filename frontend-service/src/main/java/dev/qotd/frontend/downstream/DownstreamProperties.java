package dev.qotd.frontend.downstream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the frontend calls its services (the defaults are in application.yaml).
 * @param deadline the longest wait for a call before its part is marked unavailable
 * @param maxConnections pooled connections per service: its calls in flight at most
 * @param connectionTimeToLive how long a pooled connection is used: a Service balances
 * connections, not requests, so only new ones reach the other pods behind it
 */
@ConfigurationProperties("frontend.downstream")
public record DownstreamProperties(Duration deadline, int maxConnections, Duration connectionTimeToLive) {

}
