package dev.qotd.frontend.page;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.qotd.frontend.downstream.CallResult;
import dev.qotd.frontend.downstream.Downstream;
import dev.qotd.frontend.downstream.DownstreamProperties;
import dev.qotd.frontend.downstream.QuoteClient.QuoteReply;
import dev.qotd.frontend.downstream.TimeClient.TimeReply;
import dev.qotd.support.identity.PodIdentity;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/** Asks quote-service and time-service at the same time and assembles what they answer. */
@Service
public class QuoteOfTheDay {

	private final Downstream<QuoteReply> quote;

	private final Downstream<TimeReply> time;

	private final Executor executor;

	private final DownstreamProperties properties;

	private final PodIdentity identity;

	QuoteOfTheDay(Downstream<QuoteReply> quote, Downstream<TimeReply> time,
			@Qualifier("applicationTaskExecutor") Executor executor, DownstreamProperties properties,
			PodIdentity identity) {
		this.quote = quote;
		this.time = time;
		this.executor = executor;
		this.properties = properties;
		this.identity = identity;
	}

	public Aggregate assemble() {
		CompletableFuture<CallResult> quoteCall = this.quote.callAsync(this.executor, this.properties.deadline());
		CompletableFuture<CallResult> timeCall = this.time.callAsync(this.executor, this.properties.deadline());
		return Aggregate.of(quoteCall.join(), timeCall.join(), this.identity);
	}

}
