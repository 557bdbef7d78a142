package dev.qotd.localrun;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

import dev.qotd.support.test.RawHttp;

/**
 * One line of {@code hostile-requests.tsv}: a request as it goes on the wire, the services
 * it is sent to and the statuses it may get. The file's header explains the notation.
 */
record HostileRequest(String name, Set<Service> services, Set<Integer> expected, String request, int line) {

	private static final Pattern REPEAT = Pattern.compile("\\{(\\d+)\\*([^{}]*)}");

	private static final String NO_HOST = "{no-host}";

	static List<HostileRequest> load(String resource) {
		try (InputStream input = HostileRequest.class.getResourceAsStream(resource)) {
			if (input == null) {
				throw new IllegalStateException(resource + " is missing");
			}
			List<String> lines = new String(input.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
			List<HostileRequest> requests = new ArrayList<>();
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i);
				if (!line.isBlank() && !line.startsWith("#")) {
					requests.add(parse(line, i + 1));
				}
			}
			return requests;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static HostileRequest parse(String line, int number) {
		String[] columns = line.split("\t", -1);
		if (columns.length != 4) {
			throw new IllegalStateException("Line %d: %d columns instead of 4: %s".formatted(number, columns.length, line));
		}
		Set<Service> services = EnumSet.noneOf(Service.class);
		for (String name : columns[1].split(",")) {
			if (name.equals("all")) {
				services.addAll(EnumSet.allOf(Service.class));
			}
			else {
				services.add(Arrays.stream(Service.values())
					.filter((service) -> service.shortName().equals(name))
					.findFirst()
					.orElseThrow(() -> new IllegalStateException("Line %d: no service %s".formatted(number, name))));
			}
		}
		Set<Integer> expected = Arrays.stream(columns[2].split("\\|"))
			.map(Integer::valueOf)
			.collect(Collectors.toUnmodifiableSet());
		return new HostileRequest(columns[0], services, expected, columns[3], number);
	}

	/** The request's bytes for a service on {@code port}. */
	byte[] bytes(int port) {
		boolean addHost = !this.request.contains(NO_HOST);
		byte[] expanded = unescape(repeat(this.request.replace(NO_HOST, "")));
		int blankLine = RawHttp.Response.headEnd(expanded);
		byte[] head = (blankLine >= 0) ? Arrays.copyOfRange(expanded, 0, blankLine) : expanded;
		byte[] body = (blankLine >= 0) ? Arrays.copyOfRange(expanded, blankLine + 4, expanded.length) : new byte[0];
		String headText = new String(head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.writeBytes(head);
		if (addHost && !headText.contains("\r\nhost:")) {
			request.writeBytes(("\r\nHost: 127.0.0.1:" + port).getBytes(StandardCharsets.US_ASCII));
		}
		if (!headText.contains("\r\nconnection:")) {
			request.writeBytes("\r\nConnection: close".getBytes(StandardCharsets.US_ASCII));
		}
		request.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		request.writeBytes(body);
		return request.toByteArray();
	}

	private static String repeat(String text) {
		Matcher matcher = REPEAT.matcher(text);
		StringBuilder repeated = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(repeated,
					Matcher.quoteReplacement(matcher.group(2).repeat(Integer.parseInt(matcher.group(1)))));
		}
		matcher.appendTail(repeated);
		return repeated.toString();
	}

	/** Characters as UTF-8, escapes as the bytes they name. */
	private static byte[] unescape(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < text.length(); i++) {
			int c = text.codePointAt(i);
			if (c != '\\' || i + 1 == text.length()) {
				bytes.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
				i += Character.charCount(c) - 1;
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
		return this.name + " (line " + this.line + ")";
	}

}
