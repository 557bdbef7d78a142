package dev.qotd.frontend.page;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.qotd.frontend.downstream.CallDetails;
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

	private static final Logger logger = LoggerFactory.getLogger(QuoteOfTheDay.class);

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
		CallResult quoteResult = logIfUnavailable(this.quote, quoteCall.join());
		CallResult timeResult = logIfUnavailable(this.time, timeCall.join());
		return Aggregate.of(quoteResult, timeResult, this.identity);
	}

	/** Logged here, on the request's thread, so that the line carries its request id, once. */
	private static CallResult logIfUnavailable(Downstream<?> downstream, CallResult result) {
		CallDetails details = result.details();
		if (!result.available()) {
			logger.warn("{} unavailable: {} ({}, {} ms)", downstream.name(), details.error(), details.url(),
					details.latencyMs());
		}
		return result;
	}

}
