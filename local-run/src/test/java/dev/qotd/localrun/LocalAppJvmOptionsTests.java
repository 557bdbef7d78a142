package dev.qotd.localrun;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalAppJvmOptionsTests {

	@Test
	void servicesRunWithTheImagesCollectorAndASmallHeap() {
		assertThat(LocalApp.Builder.defaultJvmOptions()).startsWith("-XX:+UseSerialGC", "-Xmx64m");
	}

	@Test
	void nativeHeapIsTrimmedOnlyByJvmsThatKnowTheOption() {
		assertThat(LocalApp.Builder.canTrimNativeHeap(Runtime.Version.parse("17.0.8"))).isFalse();
		assertThat(LocalApp.Builder.canTrimNativeHeap(Runtime.Version.parse("17.0.15"))).isTrue();
		assertThat(LocalApp.Builder.canTrimNativeHeap(Runtime.Version.parse("20.0.2"))).isFalse();
		assertThat(LocalApp.Builder.canTrimNativeHeap(Runtime.Version.parse("21"))).isFalse();
		assertThat(LocalApp.Builder.canTrimNativeHeap(Runtime.Version.parse("21.0.4"))).isTrue();
		assertThat(LocalApp.Builder.canTrimNativeHeap(Runtime.Version.parse("25.0.3"))).isTrue();
	}

	@Test
	void theJvmThatRunsTheLauncherAcceptsTheDefaultOptions() throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(LocalApp.Builder.defaultJvmOptions());
		command.add("-version");
		Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(java.getInputStream().readAllBytes());
		assertThat(java.waitFor()).as(output).isZero();
	}

}
