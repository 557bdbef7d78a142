package dev.qotd.support.requestid;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class MdcTaskDecoratorTests {

	private final MdcTaskDecorator decorator = new MdcTaskDecorator();

	/** One thread, so that what a task leaves in its MDC is seen by the next task. */
	private final ExecutorService pool = Executors.newSingleThreadExecutor();

	@AfterEach
	void shutDown() throws InterruptedException {
		MDC.clear();
		this.pool.shutdownNow();
		assertThat(this.pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void taskRunsWithTheSubmittersContext() throws Exception {
		MDC.put(RequestIdFilter.MDC_KEY, "request-1");
		AtomicReference<String> seen = new AtomicReference<>();
		Runnable task = this.decorator.decorate(() -> seen.set(MDC.get(RequestIdFilter.MDC_KEY)));
		MDC.clear();
		this.pool.submit(task).get(5, TimeUnit.SECONDS);
		assertThat(seen).hasValue("request-1");
	}

	@Test
	void poolThreadsContextIsRestoredAfterTheTask() throws Exception {
		this.pool.submit(() -> MDC.put("worker", "pool-1")).get(5, TimeUnit.SECONDS);
		MDC.put(RequestIdFilter.MDC_KEY, "request-2");
		this.pool.submit(this.decorator.decorate(() -> {
		})).get(5, TimeUnit.SECONDS);
		assertThat(this.pool.submit(MDC::getCopyOfContextMap).get(5, TimeUnit.SECONDS))
			.isEqualTo(Map.of("worker", "pool-1"));
	}

	@Test
	void contextIsRestoredWhenTheTaskFails() throws Exception {
		MDC.put(RequestIdFilter.MDC_KEY, "request-3");
		Runnable failing = this.decorator.decorate(() -> {
			throw new IllegalStateException("boom");
		});
		this.pool.submit(failing);
		assertThat(this.pool.submit(() -> MDC.get(RequestIdFilter.MDC_KEY)).get(5, TimeUnit.SECONDS)).isNull();
	}

	@Test
	void submitterWithoutContextLeavesNoneInTheTask() throws Exception {
		this.pool.submit(() -> MDC.put(RequestIdFilter.MDC_KEY, "stale")).get(5, TimeUnit.SECONDS);
		AtomicReference<String> seen = new AtomicReference<>("not run");
		this.pool.submit(this.decorator.decorate(() -> seen.set(MDC.get(RequestIdFilter.MDC_KEY))))
			.get(5, TimeUnit.SECONDS);
		assertThat(seen.get()).isNull();
		assertThat(this.pool.submit(() -> MDC.get(RequestIdFilter.MDC_KEY)).get(5, TimeUnit.SECONDS))
			.isEqualTo("stale");
	}

}
