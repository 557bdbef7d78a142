package dev.qotd.frontend.downstream;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import dev.qotd.frontend.downstream.QuoteClient.QuoteReply;
import dev.qotd.frontend.downstream.TimeClient.TimeReply;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The two downstream services as Spring HTTP service clients, one group each
 * ({@code spring.http.serviceclient.quote}, {@code spring.http.serviceclient.time}), over
 * Apache HttpClient's pooled keep-alive connections.
 */
@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = "quote", types = QuoteClient.class)
@ImportHttpServices(group = "time", types = TimeClient.class)
class DownstreamConfiguration {

	/**
	 * Each connection's input and output buffer (HttpClient's default: 8 kB). The answers are a
	 * few hundred bytes, and connections live a second: with 8 kB buffers the frontend's heap
	 * filled with dead connections, a full collection every 5 s at 2x50, and its p99 rose with
	 * them (bench/README.md). Longer answers are read in several fills.
	 */
	private static final int CONNECTION_BUFFER_BYTES = 1024;

	/** A pooled connection idle for longer is checked before reuse: its peer may have restarted. */
	private static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ofMilliseconds(500);

	@Bean
	ClientHttpRequestFactoryBuilder<?> pooledHttpComponents(DownstreamProperties properties) {
		int connections = properties.maxConnections();
		return ClientHttpRequestFactoryBuilder.httpComponents()
			.withConnectionManagerCustomizer((pool) -> pool.setMaxConnPerRoute(connections)
				.setMaxConnTotal(connections)
				.setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
					.http1Config(Http1Config.custom().setBufferSize(CONNECTION_BUFFER_BYTES).build())
					.build()))
			.withConnectionConfigCustomizer((connection) -> connection.setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY)
				.setTimeToLive(TimeValue.ofMilliseconds(properties.connectionTimeToLive().toMillis())))
			.withDefaultRequestConfigCustomizer((request) -> request
				.setConnectionRequestTimeout(Timeout.of(properties.deadline().toMillis(), TimeUnit.MILLISECONDS)))
			.withHttpClientCustomizer((client) -> client.setRetryStrategy(new RetryOnStaleConnectionOnly()));
	}

	/** As many calls in flight as pooled connections: more would only wait for one. */
	@Bean
	Downstream<QuoteReply> quoteDownstream(QuoteClient client,
			@Value("${spring.http.serviceclient.quote.base-url}") String baseUrl, DownstreamProperties properties) {
		return new Downstream<>("quote", url(baseUrl, QuoteClient.PATH), client::randomQuote, QuoteReply::quote,
				properties.maxConnections());
	}

	@Bean
	Downstream<TimeReply> timeDownstream(TimeClient client,
			@Value("${spring.http.serviceclient.time.base-url}") String baseUrl, DownstreamProperties properties) {
		return new Downstream<>("time", url(baseUrl, TimeClient.PATH), client::now, TimeReply::text,
				properties.maxConnections());
	}

	private static URI url(String baseUrl, String path) {
		return UriComponentsBuilder.fromUriString(baseUrl).path(path).build().toUri();
	}

	/**
	 * Retries a GET once, at once, when a pooled connection turns out to be closed by a
	 * restarted peer. HttpClient's default waits a second between tries and also retries
	 * 503 answers, which would break the page's 2 s budget.
	 */
	static final class RetryOnStaleConnectionOnly extends DefaultHttpRequestRetryStrategy {

		RetryOnStaleConnectionOnly() {
			super(1, TimeValue.ZERO_MILLISECONDS,
					List.<Class<? extends IOException>>of(InterruptedIOException.class, UnknownHostException.class,
							ConnectException.class, NoRouteToHostException.class, SSLException.class),
					List.of());
		}

	}

}
