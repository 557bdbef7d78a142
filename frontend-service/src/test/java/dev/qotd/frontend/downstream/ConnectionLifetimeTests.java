package dev.qotd.frontend.downstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.qotd.frontend.downstream.QuoteClient.QuoteReply;
import dev.qotd.frontend.testsupport.ConnectionCounter;
import dev.qotd.frontend.testsupport.DownstreamStubs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pooled connections are reused, but only for {@code connection-time-to-live}: a Service
 * balances connections, so only new connections let the calls reach every pod behind it.
 */
class ConnectionLifetimeTests {

	private static final Duration TIME_TO_LIVE = Duration.ofSeconds(1);

	private static final DownstreamProperties PROPERTIES = new DownstreamProperties(null, 0, TIME_TO_LIVE);

	private final ConnectionCounter connections = new ConnectionCounter();

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private WireMockServer quoteService;

	private final List<ClientHttpRequestFactory> requestFactories = new ArrayList<>();

	@BeforeEach
	void startQuoteService() {
		this.quoteService = DownstreamStubs.start(this.connections);
		this.quoteService.stubFor(DownstreamStubs.quoteRequest().willReturn(DownstreamStubs.quoteAnswer()));
	}

	@AfterEach
	void stop() throws Exception {
		for (ClientHttpRequestFactory requestFactory : this.requestFactories) {
			((DisposableBean) requestFactory).destroy();
		}
		this.executor.shutdownNow();
		this.quoteService.stop();
	}

	@Test
	void callsShareAConnectionUntilItsTimeToLiveHasPassed() throws Exception {
		// The JVM's first exchange loads classes for a while; through a pool of its own.
		assertThat(call(downstream()).available()).isTrue();
		int warmUpConnections = this.connections.opened();

		Downstream<QuoteReply> quote = downstream();
		for (int i = 0; i < 5; i++) {
			assertThat(call(quote).available()).isTrue();
		}
		assertThat(this.connections.opened() - warmUpConnections).as("connections for 5 calls in a row").isEqualTo(1);

		Thread.sleep(TIME_TO_LIVE.toMillis() + 500);
		assertThat(call(quote).available()).isTrue();
		assertThat(this.connections.opened() - warmUpConnections).as("connections once the first has lived its time")
			.isEqualTo(2);
	}

	private CallResult call(Downstream<QuoteReply> downstream) throws Exception {
		return downstream.callAsync(this.executor, Duration.ofSeconds(3)).get(5, TimeUnit.SECONDS);
	}

	private Downstream<QuoteReply> downstream() {
		DownstreamConfiguration configuration = new DownstreamConfiguration();
		ClientHttpRequestFactory requestFactory = configuration
			.pooledHttpComponents(PROPERTIES)
			.build(HttpClientSettings.defaults().withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1)));
		this.requestFactories.add(requestFactory);
		RestClient restClient = RestClient.builder()
			.baseUrl(this.quoteService.baseUrl())
			.requestFactory(requestFactory)
			.build();
		QuoteClient client = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient))
			.build()
			.createClient(QuoteClient.class);
		return configuration.quoteDownstream(client, this.quoteService.baseUrl(), PROPERTIES);
	}

}
