package dev.qotd.k8s;

import java.util.List;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import com.github.dockerjava.api.model.Info;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Whether Docker is there to run k3s, as Testcontainers finds it ({@code DOCKER_HOST},
 * {@code /var/run/docker.sock}, Docker Desktop, {@code ~/.testcontainers.properties}).
 * Where it is not, the tests are skipped and one line on the console says why and how to
 * run them; Testcontainers' own report of the places it looked is kept quiet then, as it
 * would bury that line. Where the tests must run (CI: {@code -Dk3s.required=true}), Docker
 * is not probed here: a missing Docker fails the tests, with Testcontainers' report.
 */
class DockerCondition implements ExecutionCondition {

	private static final Logger logger = LoggerFactory.getLogger(DockerCondition.class);

	static final String SKIP_PROPERTY = "k3s.skip";

	static final String REQUIRED_PROPERTY = "k3s.required";

	static final String HOW_TO_RUN = "The k3s cluster tests run with mvn verify where Docker can run privileged"
			+ " containers (Docker Engine on Linux, Docker Desktop);"
			+ " see docs/kubernetes.md, \"Tests on a real cluster (k3s)\".";

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (context.getTestMethod().isPresent()) {
			return ConditionEvaluationResult.enabled("Docker was checked for the class");
		}
		ConditionEvaluationResult result = decide(Boolean.getBoolean(SKIP_PROPERTY),
				Boolean.getBoolean(REQUIRED_PROPERTY), DockerCondition::probe);
		String line = context.getDisplayName() + (result.isDisabled() ? " skipped: " : ": ")
				+ result.getReason().orElse("");
		if (result.isDisabled()) {
			System.out.println(line);
		}
		else {
			logger.info(line);
		}
		return result;
	}

	static ConditionEvaluationResult decide(boolean skip, boolean required, Supplier<Docker> probe) {
		if (skip) {
			return ConditionEvaluationResult.disabled("-D" + SKIP_PROPERTY + "=true. " + HOW_TO_RUN);
		}
		if (required) {
			return ConditionEvaluationResult.enabled("-D" + REQUIRED_PROPERTY + "=true: Docker must be there");
		}
		Docker docker = probe.get();
		if (!docker.available()) {
			return ConditionEvaluationResult.disabled("no Docker found" + (docker.description().equals("none") ? ""
					: " (" + docker.description() + ")") + ". " + HOW_TO_RUN);
		}
		if (docker.rootless()) {
			return ConditionEvaluationResult.disabled("Docker runs rootless (" + docker.description()
					+ "), which cannot run the privileged k3s container. " + HOW_TO_RUN);
		}
		return ConditionEvaluationResult.enabled("Docker found: " + docker.description());
	}

	private static Docker probe() {
		ch.qos.logback.classic.Logger testcontainers = (LoggerFactory
			.getLogger("org.testcontainers") instanceof ch.qos.logback.classic.Logger logback) ? logback : null;
		Level level = (testcontainers != null) ? testcontainers.getLevel() : null;
		if (testcontainers != null) {
			testcontainers.setLevel(Level.OFF);
		}
		try {
			DockerClientFactory factory = DockerClientFactory.instance();
			if (!factory.isDockerAvailable()) {
				return new Docker(false, false, "none");
			}
			Info info = factory.getInfo();
			if (!"linux".equals(info.getOsType())) {
				return new Docker(false, false, "Docker runs " + info.getOsType() + " containers");
			}
			List<String> securityOptions = (info.getSecurityOptions() != null) ? info.getSecurityOptions() : List.of();
			return new Docker(true, securityOptions.stream().anyMatch((option) -> option.contains("name=rootless")),
					"Docker " + info.getServerVersion() + " on " + info.getOperatingSystem() + ", "
							+ info.getArchitecture());
		}
		catch (RuntimeException ex) {
			return new Docker(false, false, ex.getMessage());
		}
		finally {
			if (testcontainers != null) {
				testcontainers.setLevel(level);
			}
		}
	}

	/**
	 * What the probe found.
	 * @param available whether Testcontainers can use a Docker engine
	 * @param rootless whether that engine runs rootless
	 * @param description its version, operating system and architecture; {@code none}, or
	 * why it cannot be used, when it is not available
	 */
	record Docker(boolean available, boolean rootless, String description) {

	}

}
