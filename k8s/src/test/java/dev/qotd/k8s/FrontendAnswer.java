package dev.qotd.k8s;

import java.net.http.HttpResponse;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The frontend's answer to {@code GET /} with {@code Accept: application/json}: both parts
 * and, for each downstream call, what it did (contract: "for each call the service URL, the
 * address its name resolved to, the pod that answered, its status and latency").
 * @param status the HTTP status of the answer
 * @param quote the quote, or {@code null} when it was unavailable
 * @param time the time, or {@code null} when it was unavailable
 * @param quoteCall the call to quote-svc
 * @param timeCall the call to time-svc
 * @param frontendPod the frontend pod that answered
 */
record FrontendAnswer(int status, String quote, String time, Call quoteCall, Call timeCall, String frontendPod) {

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Reads an answer.
	 * @throws IllegalArgumentException if the body is not the frontend's JSON
	 */
	static FrontendAnswer of(HttpResponse<String> response) {
		JsonNode body;
		try {
			body = json.readTree(response.body());
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"not JSON (HTTP " + response.statusCode() + "): " + abbreviated(response.body()));
		}
		if (!body.path("calls").isObject()) {
			throw new IllegalArgumentException(
					"no calls (HTTP " + response.statusCode() + "): " + abbreviated(response.body()));
		}
		return new FrontendAnswer(response.statusCode(), text(body.path("quote")), text(body.path("time")),
				Call.of(body.path("calls").path("quote")), Call.of(body.path("calls").path("time")),
				text(body.path("servedBy").path("podName")));
	}

	/**
	 * Judges an answer for a request loop: good when both parts are there (a page with
	 * {@code Quote: unavailable (...)} is a failure, even with status 200), answered by the
	 * quote pod that served the quote.
	 */
	static RequestLoop.Outcome judge(HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			return RequestLoop.Outcome.failed("HTTP " + response.statusCode() + ": " + abbreviated(response.body()));
		}
		FrontendAnswer answer;
		try {
			answer = of(response);
		}
		catch (IllegalArgumentException ex) {
			return RequestLoop.Outcome.failed(ex.getMessage());
		}
		if (answer.quote() == null) {
			return RequestLoop.Outcome.failed("Quote: unavailable (" + answer.quoteCall().error() + ")");
		}
		if (answer.time() == null) {
			return RequestLoop.Outcome.failed("Time: unavailable (" + answer.timeCall().error() + ")");
		}
		return RequestLoop.Outcome.good(answer.quoteCall().servedBy());
	}

	private static String text(JsonNode node) {
		return (node.isString()) ? node.asString() : null;
	}

	private static String abbreviated(String body) {
		String oneLine = body.strip().replaceAll("\\s+", " ");
		return (oneLine.length() > 200) ? oneLine.substring(0, 200) + "..." : oneLine;
	}

	/**
	 * One downstream call as the frontend reports it.
	 * @param url the URL called
	 * @param resolvedAddress the address its host name resolved to
	 * @param servedBy the pod that answered
	 * @param status the status of its answer, or {@code null}
	 * @param error why the part is unavailable, or {@code null}
	 */
	record Call(String url, String resolvedAddress, String servedBy, Integer status, String error) {

		static Call of(JsonNode call) {
			JsonNode status = call.path("status");
			return new Call(text(call.path("url")), text(call.path("resolvedAddress")), text(call.path("servedBy")),
					status.isNumber() ? status.asInt() : null, text(call.path("error")));
		}

	}

}
