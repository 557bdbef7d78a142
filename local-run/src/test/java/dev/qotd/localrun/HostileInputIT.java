package dev.qotd.localrun;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The three services as processes, fed {@code hostile-requests.tsv}: every request gets the
 * status the file expects (never a 5xx it does not name) within 5 s, no answer shows a stack
 * trace, an exception or the server software, and afterwards every service is still ready and
 * none logged an ERROR. Then what is exposed at all: three Actuator endpoints without details,
 * and no request makes the frontend call anything but its two services.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

	private static final Pattern ESCAPE = Pattern.compile("\\\\(x[0-9a-fA-F]{2}|.)");

	private static final Pattern REPEAT = Pattern.compile("\\{(\\d+)\\*([^{}]*)}");

	private static final List<String> SERVER_INTERNALS = List.of("at dev.", "at java.", "at org.", "\tat ", "Exception",
			"org.apache", "Tomcat", "Apache", System.getProperty("java.version"));

	@RegisterExtension
	static final RunningApp app = new RunningApp("hostile-input-it", Map.of());

	private final JsonMapper json = JsonMapper.builder().build();

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvFileSource(resources = "/hostile-requests.tsv", delimiter = '\t', quoteCharacter = '`')
	@Order(1)
	void everyHostileRequestIsAnsweredCleanly(String name, String services, String expect, String by, String request)
			throws IOException {
		assertThat(by).as(name).matches("app|actuator|tomcat");
		assertThat(services).as(name).matches("all|(quote|time|frontend)(,(quote|time|frontend))*");
		for (Service service : Service.values()) {
			if (services.equals("all") || List.of(services.split(",")).contains(service.shortName())) {
				assertAnsweredCleanly(new Hostile(name, expect, by, request), service);
			}
		}
	}

	private void assertAnsweredCleanly(Hostile hostile, Service service) throws IOException {
		int port = app.port(service);
		long start = System.nanoTime();
		RawHttp.Response answer = RawHttp.exchange(port, hostile.bytes(port), Duration.ofSeconds(5));
		String description = "%s sent to %s, expecting %s from %s; the answer: %s".formatted(hostile, service.module(),
				hostile.expected(), hostile.by(), answer);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as(description).isLessThan(Duration.ofSeconds(5));
		assertThat(answer.status()).as(description).isIn(hostile.expected());
		assertThat(answer.headers()).as(description).doesNotContainKeys("Server", "X-Powered-By", "X-Injected");
		assertThat(answer.body()).as(description).doesNotContain(SERVER_INTERNALS);
		if (answer.status() == 405 || hostile.request().startsWith("OPTIONS ")) {
			assertThat(answer.header("Allow")).as(description).isNotBlank();
		}
		if (hostile.by().equals("tomcat")) {
			// Tomcat's own error page: the request never reached the application.
			assertThat(answer.headers()).as(description).doesNotContainKeys("X-Served-By", "X-Request-Id");
			assertThat(answer.header("Content-Type")).as(description).startsWith("text/html");
			return;
		}
		assertThat(answer.header("X-Served-By")).as(description).isEqualTo(app.podName(service));
		assertThat(answer.header("X-Request-Id")).as(description).matches("[A-Za-z0-9._:-]{1,128}");
		assertThat(answer.body()).as(description).doesNotContainIgnoringCase("<html");
		if (answer.status() >= 400 && !(hostile.by().equals("actuator") && answer.body().isEmpty())) {
			assertThat(answer.header("Content-Type")).as(description).isEqualTo("application/problem+json");
			JsonNode problem = this.json.readTree(answer.body());
			assertThat(problem.path("status").asInt()).as(description).isEqualTo(answer.status());
			assertThat(problem.path("title").asString()).as(description).isNotBlank();
			assertThat(problem.path("detail").asString()).as(description).isNotBlank();
			assertThat(problem.path("requestId").asString()).as(description).isEqualTo(answer.header("X-Request-Id"));
		}
	}

	@ParameterizedTest
	@EnumSource(Service.class)
	@Order(2)
	void afterTheCorpusEveryServiceIsReadyAndServes(Service service) throws IOException {
		assertThat(app.get(service).isAlive()).isTrue();
		assertThat(get(service, "/actuator/health/readiness", "application/json").status()).isEqualTo(200);
		RawHttp.Response page = get(service, "/", "*/*");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).matches((service == Service.FRONTEND) ? LocalAppIT.TWO_LINES : "(?s).+");
	}

	@ParameterizedTest
	@EnumSource(Service.class)
	@Order(3)
	void noClientMistakeWasLoggedAsAnError(Service service) throws IOException {
		assertThat(Files.readAllLines(app.get(service).log, StandardCharsets.ISO_8859_1))
			.noneMatch((line) -> line.contains(" ERROR "));
	}

	@ParameterizedTest
	@EnumSource(Service.class)
	@Order(4)
	void healthInfoAndPrometheusAreOpenWithoutDetailsOrRuntimeVersions(Service service) throws IOException {
		for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
			JsonNode health = this.json.readTree(get(service, path, "application/json").body());
			assertThat(health.path("status").asString()).as(path).isEqualTo("UP");
			assertThat(health.propertyNames()).as(path).isSubsetOf("status", "groups");
		}
		assertThat(get(service, "/actuator/prometheus", "*/*").status()).as("/actuator/prometheus").isEqualTo(200);
		RawHttp.Response info = get(service, "/actuator/info", "application/json");
		assertThat(this.json.readTree(info.body()).propertyNames()).containsExactly("build");
		assertThat(info.body()).doesNotContain(System.getProperty("java.version"), System.getProperty("java.vendor"),
				System.getProperty("os.name"), System.getProperty("user.name"), "java", "jvm");
	}

	@ParameterizedTest
	@EnumSource(Service.class)
	@Order(4)
	void noAnswerNamesTheServerSoftware(Service service) throws IOException {
		for (String path : List.of("/", "/whoami", "/actuator/health", "/actuator/info", "/no/such/path", "/%ZZ")) {
			for (String accept : List.of("*/*", "application/json", "text/html")) {
				RawHttp.Response answer = get(service, path, accept);
				assertThat(answer.headers()).as("%s %s", path, accept).doesNotContainKeys("Server", "X-Powered-By");
				assertThat(answer.body()).as("%s %s", path, accept).doesNotContain(SERVER_INTERNALS);
			}
		}
	}

	/**
	 * The frontend takes no parameters: whatever URL a request names, in its query, its target
	 * or its Host and forwarding headers, it calls its own quote and time processes, and a
	 * listener on another port sees no connection.
	 */
	@Test
	@Order(5)
	void noRequestMakesTheFrontendCallAnotherAddress() throws Exception {
		try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			String other = "127.0.0.1:" + listener.getLocalPort();
			new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort()).close();
			listener.accept().close(); // the listener sees what connects, closed or not
			listener.setSoTimeout(500);
			List<String> requests = List.of("GET /?url=http://" + other + "/ HTTP/1.1",
					"GET /?quote=http://" + other + "&time=http://" + other + "&QUOTE_SERVICE_URL=http://" + other
							+ "&spring.http.serviceclient.quote.base-url=http://" + other + " HTTP/1.1",
					"GET /?url=http%3A%2F%2F" + other.replace(":", "%3A") + " HTTP/1.1",
					"GET / HTTP/1.1\r\nHost: " + other, "GET http://" + other + "/ HTTP/1.1\r\nHost: " + other,
					"GET / HTTP/1.1\r\nX-Forwarded-Host: " + other + "\r\nX-Forwarded-Proto: http\r\nForwarded: host="
							+ other + ";proto=http\r\nX-Original-URL: http://" + other + "/\r\nX-Rewrite-URL: http://" + other);
			int port = app.port(Service.FRONTEND);
			for (String request : requests) {
				String host = request.contains("\r\nHost: ") ? "" : "Host: 127.0.0.1:" + port + "\r\n";
				byte[] bytes = (request + "\r\nAccept: application/json\r\nConnection: close\r\n" + host + "\r\n")
					.getBytes(StandardCharsets.US_ASCII);
				RawHttp.Response answer = RawHttp.exchange(port, bytes, Duration.ofSeconds(5));
				JsonNode calls = this.json.readTree(answer.body()).path("calls");
				for (Service service : List.of(Service.QUOTE, Service.TIME)) {
					JsonNode call = calls.path(service.shortName());
					assertThat(call.path("url").asString()).as(request)
						.isEqualTo("http://127.0.0.1:%d/%s", app.port(service), service.shortName());
					assertThat(call.path("servedBy").asString()).as(request).isEqualTo(app.podName(service));
					assertThat(call.path("status").asInt()).as(request).isEqualTo(200);
				}
				assertThat(answer.status()).as(request).isEqualTo(200);
			}
			assertThatExceptionOfType(SocketTimeoutException.class).as("a connection to %s", other)
				.isThrownBy(listener::accept);
		}
	}

	private RawHttp.Response get(Service service, String path, String accept) throws IOException {
		String request = "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: %s\r\nConnection: close\r\n\r\n";
		return RawHttp.exchange(app.port(service), request.formatted(path, accept).getBytes(StandardCharsets.US_ASCII),
				Duration.ofSeconds(10));
	}

	/** A line of {@code hostile-requests.tsv}, whose header explains the notation. */
	record Hostile(String name, String expect, String by, String request) {

		List<Integer> expected() {
			return Arrays.stream(this.expect.split("\\|")).map(Integer::valueOf).toList();
		}

		/** The bytes for a service on {@code port}: Host and Connection: close added unless the request has them. */
		byte[] bytes(int port) {
			String text = REPEAT.matcher(this.request.replace("{no-host}", "")).replaceAll(
					(repeat) -> Matcher.quoteReplacement(repeat.group(2).repeat(Integer.parseInt(repeat.group(1)))));
			int blankLine = text.indexOf("\\r\\n\\r\\n");
			String head = (blankLine >= 0) ? text.substring(0, blankLine) : text;
			String lowerCaseHead = head.toLowerCase(Locale.ROOT);
			if (!this.request.contains("{no-host}") && !lowerCaseHead.contains("\\r\\nhost:")) {
				head += "\\r\\nHost: 127.0.0.1:" + port;
			}
			if (!lowerCaseHead.contains("\\r\\nconnection:")) {
				head += "\\r\\nConnection: close";
			}
			return unescape(head + "\\r\\n\\r\\n" + ((blankLine >= 0) ? text.substring(blankLine + 8) : ""));
		}

		/** The file's ASCII characters as bytes, the escapes \\r \\n \\t \\\\ and \\xHH as the bytes they name. */
		private static byte[] unescape(String text) {
			return ESCAPE.matcher(text).replaceAll((escape) -> Matcher.quoteReplacement(switch (escape.group(1).charAt(0)) {
				case 'r' -> "\r";
				case 'n' -> "\n";
				case 't' -> "\t";
				case 'x' -> String.valueOf((char) Integer.parseInt(escape.group(1).substring(1), 16));
				default -> escape.group(1);
			})).getBytes(StandardCharsets.ISO_8859_1);
		}

		@Override
		public String toString() {
			return "%s (%s)".formatted(this.name, this.request);
		}

	}

}
