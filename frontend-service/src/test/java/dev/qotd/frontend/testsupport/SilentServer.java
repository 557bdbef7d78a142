package dev.qotd.frontend.testsupport;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server on loopback that accepts every TCP connection and then falls silent: a hung pod,
 * which no connect timeout detects.
 */
public final class SilentServer implements Closeable {

	private final byte[] lastWords;

	private final ServerSocket serverSocket;

	private final List<Socket> accepted = new CopyOnWriteArrayList<>();

	/** A server that never sends a byte. */
	public SilentServer() {
		this("");
	}

	/** A server that sends {@code lastWords} (such as the head of an answer) on each connection, then nothing. */
	public SilentServer(String lastWords) {
		this.lastWords = lastWords.getBytes(StandardCharsets.UTF_8);
		try {
			this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot listen on loopback", ex);
		}
		Thread acceptor = new Thread(this::acceptUntilClosed, "silent-server-" + port());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	private void acceptUntilClosed() {
		try {
			while (true) {
				Socket socket = this.serverSocket.accept();
				this.accepted.add(socket);
				say(socket, this.lastWords);
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

	private static void say(Socket socket, byte[] words) {
		try {
			socket.getOutputStream().write(words);
			socket.getOutputStream().flush();
		}
		catch (IOException ex) {
			// the client has gone already
		}
	}

	public int port() {
		return this.serverSocket.getLocalPort();
	}

	/** The base URL of this server, by name as a Service's URL is. */
	public String baseUrl() {
		return "http://localhost:" + port();
	}

	public int acceptedConnections() {
		return this.accepted.size();
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		for (Socket socket : this.accepted) {
			socket.close();
		}
	}

}
