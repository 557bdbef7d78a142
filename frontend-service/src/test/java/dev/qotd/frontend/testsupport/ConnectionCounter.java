package dev.qotd.frontend.testsupport;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.http.trafficlistener.WiremockNetworkTrafficListener;

/** Counts the TCP connections a WireMock server accepts. */
public final class ConnectionCounter implements WiremockNetworkTrafficListener {

	private final AtomicInteger opened = new AtomicInteger();

	public int opened() {
		return this.opened.get();
	}

	@Override
	public void opened(Socket socket) {
		this.opened.incrementAndGet();
	}

	@Override
	public void incoming(Socket socket, ByteBuffer bytes) {
	}

	@Override
	public void outgoing(Socket socket, ByteBuffer bytes) {
	}

	@Override
	public void closed(Socket socket) {
	}

}
