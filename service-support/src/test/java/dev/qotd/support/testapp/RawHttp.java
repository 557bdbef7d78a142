package dev.qotd.support.testapp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Requests no HTTP client would send (an invalid path, a bad header, a wrong protocol
 * version), written byte for byte on a socket; the answer is read until the server closes
 * the connection, so requests should say {@code Connection: close}.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/** {@code head} (request line and headers, lines separated by CRLF) and the blank line. */
	public static Response send(int port, String head) {
		return send(port, (head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
	}

	public static Response send(int port, byte[] request) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request);
			return Response.parse(socket.getInputStream().readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** An answer: its status, headers (names in any case) and body. */
	public record Response(String raw, int status, Map<String, List<String>> headers, String body) {

		static Response parse(byte[] bytes) {
			String raw = new String(bytes, StandardCharsets.UTF_8);
			int end = raw.indexOf("\r\n\r\n");
			if (!raw.startsWith("HTTP/1.1 ") || end < 0) {
				throw new IllegalStateException("Not an HTTP/1.1 answer: " + raw);
			}
			String[] lines = raw.substring(0, end).split("\r\n");
			Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.computeIfAbsent(lines[i].substring(0, colon), (name) -> new ArrayList<>())
					.add(lines[i].substring(colon + 1).strip());
			}
			String body = raw.substring(end + 4);
			if (headers.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
				body = dechunk(body);
			}
			return new Response(raw, Integer.parseInt(lines[0].substring(9, 12)), headers, body);
		}

		public String header(String name) {
			List<String> values = this.headers.get(name);
			return (values != null) ? values.get(0) : null;
		}

		public String contentType() {
			String type = header("Content-Type");
			return (type != null) ? type.toLowerCase(Locale.ROOT) : null;
		}

		private static String dechunk(String chunked) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			InputStream input = new ByteArrayInputStream(chunked.getBytes(StandardCharsets.UTF_8));
			try {
				while (true) {
					String sizeLine = readLine(input);
					int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
					if (size == 0) {
						return body.toString(StandardCharsets.UTF_8);
					}
					body.write(input.readNBytes(size));
					readLine(input);
				}
			}
			catch (IOException | NumberFormatException ex) {
				throw new IllegalStateException("Malformed chunked body: " + chunked, ex);
			}
		}

		private static String readLine(InputStream input) throws IOException {
			StringBuilder line = new StringBuilder();
			int c;
			while ((c = input.read()) != -1 && c != '\n') {
				if (c != '\r') {
					line.append((char) c);
				}
			}
			return line.toString();
		}

	}

}
