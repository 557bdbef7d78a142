package dev.qotd.support;

import dev.qotd.support.identity.PodIdentity;
import dev.qotd.support.identity.ServedByFilter;
import dev.qotd.support.identity.WhoamiController;
import dev.qotd.support.problem.EmptyErrorProblemFilter;
import dev.qotd.support.problem.MalformedRequestExceptionResolver;
import dev.qotd.support.problem.ProblemDetailsErrorController;
import dev.qotd.support.problem.ProblemDetailsErrorReportValveCustomizer;
import dev.qotd.support.problem.RequestIdProblemDetailsExceptionHandler;
import dev.qotd.support.requestid.MdcTaskDecorator;
import dev.qotd.support.requestid.RequestIdFilter;
import dev.qotd.support.requestid.RequestIdPropagatingInterceptor;
import dev.qotd.support.text.PlainTextHttpMessageConverter;
import org.apache.catalina.startup.Tomcat;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * What quote-service, time-service and frontend-service share, written once: pod
 * identity and {@code X-Served-By}, request ids, {@code /whoami}, problem details naming the
 * request id for every error (Tomcat's own rejections included), plain-text bodies. The
 * shared property defaults come from
 * {@link dev.qotd.support.defaults.ServiceDefaultsEnvironmentPostProcessor}.
 */
@AutoConfiguration(before = { ErrorMvcAutoConfiguration.class, WebMvcAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class ServiceSupportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PodIdentity podIdentity(Environment environment) {
		return PodIdentity.resolve(environment::getProperty);
	}

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FilterRegistrationBean<ServedByFilter> servedByFilter(PodIdentity identity) {
		FilterRegistrationBean<ServedByFilter> registration = new FilterRegistrationBean<>(new ServedByFilter(identity));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	@Bean
	FilterRegistrationBean<EmptyErrorProblemFilter> emptyErrorProblemFilter() {
		FilterRegistrationBean<EmptyErrorProblemFilter> registration = new FilterRegistrationBean<>(
				new EmptyErrorProblemFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	@Bean
	WhoamiController whoamiController(PodIdentity identity) {
		return new WhoamiController(identity);
	}

	@Bean
	ProblemDetailsErrorController problemDetailsErrorController() {
		return new ProblemDetailsErrorController();
	}

	/** Instead of Boot's {@code ProblemDetailsExceptionHandler}, which backs off for it. */
	@Bean
	@ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
	RequestIdProblemDetailsExceptionHandler requestIdProblemDetailsExceptionHandler() {
		return new RequestIdProblemDetailsExceptionHandler();
	}

	@Bean
	PlainTextHttpMessageConverter plainTextHttpMessageConverter() {
		return new PlainTextHttpMessageConverter();
	}

	@Bean
	@ConditionalOnMissingBean(TaskDecorator.class)
	MdcTaskDecorator mdcTaskDecorator() {
		return new MdcTaskDecorator();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Tomcat.class)
	static class TomcatProblemDetailsConfiguration {

		@Bean
		ProblemDetailsErrorReportValveCustomizer problemDetailsErrorReportValveCustomizer(PodIdentity identity) {
			return new ProblemDetailsErrorReportValveCustomizer(identity.podName());
		}

		@Bean
		MalformedRequestExceptionResolver malformedRequestExceptionResolver() {
			return new MalformedRequestExceptionResolver();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientCustomizer.class)
	static class RequestIdPropagationConfiguration {

		@Bean
		RestClientCustomizer requestIdPropagation() {
			return (builder) -> builder.requestInterceptor(new RequestIdPropagatingInterceptor());
		}

	}

}
