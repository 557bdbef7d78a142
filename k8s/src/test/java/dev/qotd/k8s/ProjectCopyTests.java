package dev.qotd.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The Maven runs on the project's copy inherit how the outer build was run. */
class ProjectCopyTests {

	@Test
	void anOfflineBuildWithItsOwnSettingsAndRepositoryRunsItsNestedBuildsSo(@TempDir Path directory)
			throws IOException {
		Path settings = Files.writeString(directory.resolve("mirror-settings.xml"), "<settings/>");
		Properties outerBuild = new Properties();
		outerBuild.setProperty("maven.repo.local", "/cache/repository");
		outerBuild.setProperty("qotd.maven.mode", "offline=true");
		outerBuild.setProperty("qotd.maven.settings", settings.toString());

		assertThat(ProjectCopy.outerBuildOptions(outerBuild)).containsExactly("-Dmaven.repo.local=/cache/repository",
				"--offline", "--settings=" + settings);
	}

	@Test
	void anOnlineBuildWithoutASettingsFileAddsNothing(@TempDir Path directory) {
		Properties outerBuild = new Properties();
		outerBuild.setProperty("qotd.maven.mode", "offline=false");
		// Maven names its default user settings file even when there is none; -s would fail on it.
		outerBuild.setProperty("qotd.maven.settings", directory.resolve("settings.xml").toString());

		assertThat(ProjectCopy.outerBuildOptions(outerBuild)).isEmpty();
	}

}
