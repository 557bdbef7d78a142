package dev.qotd.support.problem;

import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Puts {@link ProblemDetailsErrorReportValve} in place of the {@link ErrorReportValve}
 * that Tomcat's host (and Spring Boot, with {@code server.error.include-stacktrace=never})
 * would use. Ordered after Boot's own customizer, whose valve it replaces.
 */
public class ProblemDetailsErrorReportValveCustomizer
		implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	private final String podName;

	public ProblemDetailsErrorReportValveCustomizer(String podName) {
		this.podName = podName;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addContextCustomizers((context) -> replaceErrorReportValve(context.getParent()));
	}

	private void replaceErrorReportValve(Container host) {
		Pipeline pipeline = host.getPipeline();
		for (Valve valve : pipeline.getValves()) {
			if (valve instanceof ErrorReportValve) {
				pipeline.removeValve(valve);
			}
		}
		pipeline.addValve(new ProblemDetailsErrorReportValve(this.podName));
		if (host instanceof StandardHost standardHost) {
			// Otherwise the host adds its default valve when it starts, finding none of that class.
			standardHost.setErrorReportValveClass(ProblemDetailsErrorReportValve.class.getName());
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
