package dev.qotd.frontend.downstream;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One downstream call: the part of the page it gave ({@code value}, {@code null} when
 * unavailable, shown as the page's own field) and how it went, as the page's JSON shows it:
 * the URL called, the address its host resolved to (a ClusterIP in a cluster), the pod that
 * answered ({@code X-Served-By}), the status, the latency, and why the part is unavailable
 * ({@code error}, {@code null} when it is available). Without an answer, no pod and no status.
 */
public record Call(@JsonIgnore String value, String url, String resolvedAddress, String servedBy, Integer status,
		long latencyMs, String error) {

}
