package dev.qotd.localrun;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 written and read byte for byte on a socket, for requests no HTTP client sends (an
 * invalid path, a bare CR in a header, a wrong protocol version) and for answers read slowly.
 */
final class RawHttp {

	/** An answer: status, headers (names in any case) and body. */
	record Response(int status, Map<String, List<String>> headers, String body) {

		String header(String name) {
			return this.headers.getOrDefault(name, List.of()).stream().findFirst().orElse(null);
		}

		@Override
		public String toString() {
			return "%d %s%n%s".formatted(this.status, this.headers,
					(this.body.length() > 1500) ? this.body.substring(0, 1500) + "..." : this.body);
		}

	}

	/** Sends {@code request} to 127.0.0.1:{@code port} and reads one answer, each step within {@code timeout}. */
	static Response exchange(int port, byte[] request, Duration timeout) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
			socket.setSoTimeout((int) timeout.toMillis());
			socket.getOutputStream().write(request);
			Response response = read(new BufferedInputStream(socket.getInputStream()));
			if (response == null) {
				throw new EOFException("The connection was closed without an answer");
			}
			return response;
		}
	}

	/** Reads one whole answer (else EOFException), or {@code null} if the connection ends before it. */
	static Response read(InputStream input) throws IOException {
		int first = input.read();
		if (first < 0) {
			return null;
		}
		String statusLine = (char) first + line(input);
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (String line = line(input); !line.isEmpty(); line = line(input)) {
			int colon = line.indexOf(':');
			headers.computeIfAbsent(line.substring(0, colon), (name) -> new ArrayList<>())
				.add(line.substring(colon + 1).strip());
		}
		Response head = new Response(Integer.parseInt(statusLine.substring(9, 12)), headers, "");
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if ("chunked".equals(head.header("Transfer-Encoding"))) {
			for (int size = Integer.parseInt(line(input), 16); size > 0; size = Integer.parseInt(line(input), 16)) {
				body.write(bytes(input, size));
				line(input);
			}
			line(input);
		}
		else if (head.header("Content-Length") != null) {
			body.write(bytes(input, Integer.parseInt(head.header("Content-Length"))));
		}
		else {
			input.transferTo(body);
		}
		return new Response(head.status(), headers, body.toString(StandardCharsets.UTF_8));
	}

	private static byte[] bytes(InputStream input, int count) throws IOException {
		byte[] bytes = input.readNBytes(count);
		if (bytes.length < count) {
			throw new EOFException("The answer is cut short: %d of its %d bytes came".formatted(bytes.length, count));
		}
		return bytes;
	}

	/** A line without its CRLF, its bytes as ISO-8859-1 characters. */
	private static String line(InputStream input) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = input.read(); c != '\n'; c = input.read()) {
			if (c < 0) {
				throw new EOFException("The answer is cut short after '" + line + "'");
			}
			line.append((char) c);
		}
		return line.toString().strip();
	}

}
