package dev.qotd.localrun;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One line of {@code hostile-requests.tsv}: a request as it goes on the wire, the services it
 * is sent to, the statuses it may get and who answers it. The file's header explains the notation.
 */
record HostileRequest(String name, Set<Service> services, Set<Integer> expected, String answeredBy, String request,
		int line) {

	private static final Pattern REPEAT = Pattern.compile("\\{(\\d+)\\*([^{}]*)}");

	static List<HostileRequest> load() throws IOException {
		try (InputStream input = HostileRequest.class.getResourceAsStream("/hostile-requests.tsv")) {
			List<String> lines = new String(input.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
			List<HostileRequest> requests = new ArrayList<>();
			for (int i = 0; i < lines.size(); i++) {
				String[] columns = lines.get(i).split("\t", -1);
				if (!lines.get(i).isBlank() && !lines.get(i).startsWith("#")) {
					if (columns.length != 5 || !columns[3].matches("app|actuator|tomcat")) {
						throw new IllegalStateException("Line %d: %s".formatted(i + 1, lines.get(i)));
					}
					Set<Service> services = EnumSet.noneOf(Service.class);
					for (String service : columns[1].replace("all", "quote,time,frontend").split(",")) {
						services.add(Service.valueOf(service.toUpperCase(Locale.ROOT)));
					}
					Set<Integer> expected = Arrays.stream(columns[2].split("\\|"))
						.map(Integer::valueOf)
						.collect(Collectors.toSet());
					requests.add(new HostileRequest(columns[0], services, expected, columns[3], columns[4], i + 1));
				}
			}
			return requests;
		}
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

	/** The file's ASCII characters as bytes, the escapes \r \n \t \\ and \xHH as the bytes they name. */
	private static byte[] unescape(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c != '\\' || i + 1 == text.length()) {
				bytes.write(c);
				continue;
			}
			char escape = text.charAt(++i);
			switch (escape) {
				case 'r' -> bytes.write('\r');
				case 'n' -> bytes.write('\n');
				case 't' -> bytes.write('\t');
				case 'x' -> {
					bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
					i += 2;
				}
				default -> bytes.write(escape);
			}
		}
		return bytes.toByteArray();
	}

	@Override
	public String toString() {
		return "%s (line %d, %s)".formatted(this.name, this.line, this.request);
	}

}
