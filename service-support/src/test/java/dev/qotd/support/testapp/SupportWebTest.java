package dev.qotd.support.testapp;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * {@link SupportTestApplication} on a random port, as a pod named {@value #POD_NAME} would
 * run it. All web tests of the shared behaviour use this one configuration, so that they
 * share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = SupportTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=" + SupportWebTest.APPLICATION_NAME,
				"POD_NAME=" + SupportWebTest.POD_NAME, "POD_IP=" + SupportWebTest.POD_IP,
				"NODE_NAME=" + SupportWebTest.NODE_NAME })
// Boot's tests disable metrics export, and with it the Prometheus endpoint we test.
@AutoConfigureMetrics
public @interface SupportWebTest {

	String APPLICATION_NAME = "support-test";

	String POD_NAME = "support-test-7d9f8c6b5-x2x4z";

	String POD_IP = "10.42.0.17";

	String NODE_NAME = "node-3";

}
