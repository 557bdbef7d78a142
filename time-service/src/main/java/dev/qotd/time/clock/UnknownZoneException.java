package dev.qotd.time.clock;

import dev.qotd.support.problem.EchoedValue;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A {@code zone} parameter that names no time zone: a 400 problem detail naming it. */
public class UnknownZoneException extends ErrorResponseException {

	/** Longer values are cut in the answer, so that a 10 kB parameter is not echoed. */
	static final int MAX_ECHOED_LENGTH = 64;

	public UnknownZoneException(String zone, String reason) {
		super(HttpStatus.BAD_REQUEST, problem(EchoedValue.of(zone, MAX_ECHOED_LENGTH), reason), null);
	}

	private static ProblemDetail problem(String zone, String reason) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Unknown time zone '%s': %s. Use an IANA zone id such as Europe/Paris, America/New_York or UTC."
					.formatted(zone, reason));
		problem.setTitle("Unknown time zone");
		problem.setProperty("zone", zone);
		return problem;
	}

}
