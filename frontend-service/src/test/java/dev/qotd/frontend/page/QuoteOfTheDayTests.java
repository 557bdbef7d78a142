package dev.qotd.frontend.page;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.qotd.frontend.downstream.Downstream;
import dev.qotd.frontend.downstream.DownstreamProperties;
import dev.qotd.frontend.downstream.QuoteClient.QuoteReply;
import dev.qotd.frontend.downstream.TimeClient.TimeReply;
import dev.qotd.support.identity.PodIdentity;

import org.springframework.http.ResponseEntity;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;

class QuoteOfTheDayTests {

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final PodIdentity frontend = new PodIdentity("frontend-1", "10.42.0.7", "node-1");

	@AfterEach
	void stopExecutor() {
		this.executor.shutdownNow();
	}

	@Test
	void bothPartsAreAssembledFromTheirServices() {
		QuoteOfTheDay page = new QuoteOfTheDay(quoteAnswering("Well begun is half done."),
				timeAnswering("Sat Nov 28 18:29:03 UTC 2026"), this.executor, deadline(1000), this.frontend);
		assertThat(page.assemble().toPlainText())
			.isEqualTo("Quote: Well begun is half done.\nTime: Sat Nov 28 18:29:03 UTC 2026\n");
	}

	@Test
	void aMissedDeadlineIsLoggedOnceUnderTheRequestsId() throws Exception {
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		Logger logger = (Logger) LoggerFactory.getLogger(QuoteOfTheDay.class);
		logger.addAppender(log);
		log.start();
		CountDownLatch release = new CountDownLatch(1);
		Downstream<QuoteReply> blocked = new Downstream<>("quote", URI.create("http://127.0.0.1:9/quote"), () -> {
			awaitQuietly(release);
			throw new ResourceAccessException("I/O error");
		}, QuoteReply::quote, 8);
		QuoteOfTheDay page = new QuoteOfTheDay(blocked, timeAnswering("Sat Nov 28 18:29:03 UTC 2026"), this.executor,
				deadline(100), this.frontend);
		MDC.put("requestId", "walkthrough-test-42");
		try {
			assertThat(page.assemble().quoteLine()).isEqualTo("unavailable (no answer within 100 ms)");
		}
		finally {
			MDC.clear();
			release.countDown();
		}
		this.executor.shutdown();
		assertThat(this.executor.awaitTermination(5, TimeUnit.SECONDS)).as("abandoned call ended").isTrue();
		logger.detachAppender(log);
		assertThat(log.list).singleElement().satisfies((event) -> {
			assertThat(event.getFormattedMessage()).startsWith("quote unavailable: no answer within 100 ms");
			assertThat(event.getMDCPropertyMap()).containsEntry("requestId", "walkthrough-test-42");
		});
	}

	private static Downstream<QuoteReply> quoteAnswering(String quote) {
		return new Downstream<>("quote", URI.create("http://127.0.0.1:9/quote"),
				() -> ResponseEntity.ok(new QuoteReply(quote)), QuoteReply::quote, 8);
	}

	private static Downstream<TimeReply> timeAnswering(String time) {
		return new Downstream<>("time", URI.create("http://127.0.0.1:9/time"),
				() -> ResponseEntity.ok(new TimeReply(time)), TimeReply::text, 8);
	}

	private static DownstreamProperties deadline(long millis) {
		return new DownstreamProperties(Duration.ofMillis(millis), 8, null);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
