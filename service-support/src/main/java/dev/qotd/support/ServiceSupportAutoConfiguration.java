package dev.qotd.support;

import dev.qotd.support.identity.PodIdentity;
import dev.qotd.support.identity.ServedByFilter;
import dev.qotd.support.identity.WhoamiController;
import dev.qotd.support.problem.ProblemDetailsAdvice;
import dev.qotd.support.requestid.RequestIdFilter;
import dev.qotd.support.text.PlainTextHttpMessageConverter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * What quote-service, time-service and frontend-service share, written once: pod identity
 * and {@code X-Served-By}, request ids, {@code /whoami}, problem details and plain-text
 * bodies. The shared settings are in {@code qotd-service-defaults.yaml}, which each service
 * imports.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class ServiceSupportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PodIdentity podIdentity(Environment environment) {
		return PodIdentity.from(environment);
	}

	@Bean
	@FilterRegistration(order = Ordered.HIGHEST_PRECEDENCE)
	RequestIdFilter requestIdFilter() {
		return new RequestIdFilter();
	}

	@Bean
	@FilterRegistration(order = Ordered.HIGHEST_PRECEDENCE + 1)
	ServedByFilter servedByFilter(PodIdentity identity) {
		return new ServedByFilter(identity);
	}

	@Bean
	WhoamiController whoamiController(PodIdentity identity) {
		return new WhoamiController(identity);
	}

	/** Registered before WebMvcAutoConfiguration, whose own problem details handler then backs off. */
	@Bean
	@ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
	ProblemDetailsAdvice problemDetailsAdvice() {
		return new ProblemDetailsAdvice();
	}

	@Bean
	PlainTextHttpMessageConverter plainTextHttpMessageConverter() {
		return new PlainTextHttpMessageConverter();
	}

}
