package dev.qotd.frontend.downstream;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executor;

import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import dev.qotd.frontend.downstream.QuoteClient.QuoteReply;
import dev.qotd.frontend.downstream.TimeClient.TimeReply;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * quote-service and time-service as HTTP service clients, one group each, over Apache
 * HttpClient. Each group builds a client of its own: a service's pool is its own, and a
 * frozen service holds only its own connections.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DownstreamConfiguration.Properties.class)
@ImportHttpServices(group = "quote", types = QuoteClient.class)
@ImportHttpServices(group = "time", types = TimeClient.class)
class DownstreamConfiguration {

	/**
	 * {@code frontend.downstream.*}, defaults in application.yaml.
	 * @param deadline the longest wait for a call before its part is marked unavailable
	 * @param maxConnections pooled connections per service; calls over them wait for one
	 * @param connectionTimeToLive how long a pooled connection is used: a Service balances
	 * connections, not requests, so only new ones reach the other pods behind it
	 */
	@ConfigurationProperties("frontend.downstream")
	record Properties(Duration deadline, int maxConnections, Duration connectionTimeToLive) {
	}

	@Bean
	ClientHttpRequestFactoryBuilder<?> clientHttpRequestFactoryBuilder(Properties properties) {
		return ClientHttpRequestFactoryBuilder.httpComponents()
			.withConnectionManagerCustomizer((pool) -> pool.setMaxConnTotal(properties.maxConnections())
				.setMaxConnPerRoute(properties.maxConnections())
				// 1 kB buffers instead of 8: the answers are small, the connections short-lived.
				.setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
					.http1Config(Http1Config.custom().setBufferSize(1024).build())
					.build()))
			.withConnectionConfigCustomizer(
					(connection) -> connection.setTimeToLive(TimeValue.of(properties.connectionTimeToLive())))
			// The wait for a pooled connection ends just after the deadline, which says why.
			.withDefaultRequestConfigCustomizer((request) -> request
				.setConnectionRequestTimeout(Timeout.of(properties.deadline().plusMillis(500))))
			// A request whose pooled connection was closed under it (a pod that restarted) is
			// sent again at once; an answer, such as a 503, is never retried.
			.withHttpClientCustomizer((client) -> client
				.setRetryStrategy(new DefaultHttpRequestRetryStrategy(1, TimeValue.ZERO_MILLISECONDS) {
					@Override
					public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
						return false;
					}
				}));
	}

	@Bean
	Downstream<QuoteReply> quoteService(QuoteClient client,
			@Value("${spring.http.serviceclient.quote.base-url}" + QuoteClient.PATH) URI url,
			@Qualifier("applicationTaskExecutor") Executor executor, Properties properties) {
		return new Downstream<>(url, client::randomQuote, QuoteReply::quote, executor, properties.deadline());
	}

	@Bean
	Downstream<TimeReply> timeService(TimeClient client,
			@Value("${spring.http.serviceclient.time.base-url}" + TimeClient.PATH) URI url,
			@Qualifier("applicationTaskExecutor") Executor executor, Properties properties) {
		return new Downstream<>(url, client::now, TimeReply::text, executor, properties.deadline());
	}

}
