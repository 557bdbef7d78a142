package dev.qotd.k8s;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated tests where Docker can run a k3s cluster, and skips them elsewhere
 * with one line saying why and how to run them; {@code -Dk3s.required=true} (CI) fails
 * them instead, and {@code -Dk3s.skip=true} skips them on purpose.
 * @see DockerCondition
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(DockerCondition.class)
@interface RequiresDocker {

}
