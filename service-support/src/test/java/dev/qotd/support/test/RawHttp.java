package dev.qotd.support.test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Requests written byte for byte on a socket, as no HTTP client would send them (an
 * invalid path, a bare CR in a header, a wrong protocol version), and their answers read
 * until the server closes the connection, within a deadline.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Sends {@code head} (request line and headers, lines separated by CRLF; say
	 * {@code Connection: close}) and the blank line that ends it, and reads the answer within
	 * 10 s.
	 */
	public static Response send(int port, String head) {
		try {
			return exchange(port, (head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(10));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Sends {@code request} to {@code 127.0.0.1:port} and reads until the server closes the
	 * connection.
	 * @throws IOException if there is no complete answer within {@code deadline}
	 */
	public static Response exchange(int port, byte[] request, Duration deadline) throws IOException {
		long start = System.nanoTime();
		long end = start + deadline.toNanos();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) deadline.toMillis());
			socket.getOutputStream().write(request);
			InputStream input = socket.getInputStream();
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			while (true) {
				long remaining = end - System.nanoTime();
				if (remaining <= 0) {
					throw new SocketTimeoutException("no complete answer within " + deadline.toMillis() + " ms, got: "
							+ received.toString(StandardCharsets.ISO_8859_1));
				}
				socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(remaining).toMillis()));
				int read = input.read(buffer);
				if (read < 0) {
					break;
				}
				received.write(buffer, 0, read);
			}
			return Response.parse(received.toByteArray(), Duration.ofNanos(System.nanoTime() - start));
		}
	}

	/** An answer: status, headers (names in any case), body, and how long it took. */
	public record Response(String raw, int status, Map<String, List<String>> headers, String body, Duration took) {

		static Response parse(byte[] bytes, Duration took) throws IOException {
			int end = headEnd(bytes);
			String raw = new String(bytes, StandardCharsets.UTF_8);
			if (!raw.startsWith("HTTP/1.1 ") || end < 0) {
				throw new IOException("not an HTTP/1.1 answer: '" + raw + "'");
			}
			String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
			Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.computeIfAbsent(lines[i].substring(0, colon), (name) -> new ArrayList<>())
					.add(lines[i].substring(colon + 1).strip());
			}
			byte[] body = Arrays.copyOfRange(bytes, end + 4, bytes.length);
			if (headers.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
				body = dechunk(body);
			}
			return new Response(raw, Integer.parseInt(lines[0].substring(9, 12)), headers,
					new String(body, StandardCharsets.UTF_8), took);
		}

		/** Where the blank line after the headers starts, or -1. */
		public static int headEnd(byte[] bytes) {
			for (int i = 0; i + 3 < bytes.length; i++) {
				if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
					return i;
				}
			}
			return -1;
		}

		public String header(String name) {
			List<String> values = this.headers.get(name);
			return (values != null) ? values.get(0) : null;
		}

		public String contentType() {
			String type = header("Content-Type");
			return (type != null) ? type.toLowerCase(Locale.ROOT) : null;
		}

		private static byte[] dechunk(byte[] chunked) throws IOException {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			InputStream input = new ByteArrayInputStream(chunked);
			while (true) {
				String sizeLine = readLine(input);
				int size;
				try {
					size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
				}
				catch (NumberFormatException ex) {
					throw new IOException("malformed chunked body: '" + new String(chunked, StandardCharsets.UTF_8) + "'");
				}
				if (size == 0) {
					return body.toByteArray();
				}
				byte[] chunk = input.readNBytes(size);
				if (chunk.length < size) {
					throw new IOException("chunked body ends mid-chunk");
				}
				body.write(chunk);
				readLine(input);
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
