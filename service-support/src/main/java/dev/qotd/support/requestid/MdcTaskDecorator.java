package dev.qotd.support.requestid;

import java.util.Map;

import org.slf4j.MDC;

import org.springframework.core.task.TaskDecorator;

/**
 * Carries the logging context (the request id among it) from the thread that submits a
 * task to the pool thread that runs it, so that log lines and downstream calls made on
 * the application task executor still name their request.
 */
public class MdcTaskDecorator implements TaskDecorator {

	@Override
	public Runnable decorate(Runnable task) {
		Map<String, String> context = MDC.getCopyOfContextMap();
		return () -> {
			Map<String, String> previous = MDC.getCopyOfContextMap();
			setContext(context);
			try {
				task.run();
			}
			finally {
				setContext(previous);
			}
		};
	}

	private static void setContext(Map<String, String> context) {
		if (context != null) {
			MDC.setContextMap(context);
		}
		else {
			MDC.clear();
		}
	}

}
