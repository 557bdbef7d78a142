package dev.qotd.frontend.downstream;

/**
 * What one downstream call did, as the routing details show it.
 * @param url the URL called, with the Service's DNS name
 * @param resolvedAddress the address that name resolved to (a ClusterIP in a cluster), or
 * {@code null} when it did not resolve
 * @param servedBy the pod that answered ({@code X-Served-By}), or {@code null} without an answer
 * @param status the HTTP status of the answer, or {@code null} without an answer
 * @param latencyMs the time until the answer, or until the frontend gave up
 * @param error why the part is unavailable, or {@code null} when it is available
 */
public record CallDetails(String url, String resolvedAddress, String servedBy, Integer status, long latencyMs,
		String error) {

	public boolean available() {
		return this.error == null;
	}

}
