package dev.qotd.support.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.StreamUtils;

/**
 * Writes {@link PlainText} bodies as {@code text/plain;charset=UTF-8}. Registered ahead
 * of the JSON converter, so that a request accepting anything is answered in text.
 */
public class PlainTextHttpMessageConverter extends AbstractHttpMessageConverter<PlainText> {

	private static final MediaType TEXT_PLAIN_UTF8 = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

	public PlainTextHttpMessageConverter() {
		super(StandardCharsets.UTF_8, TEXT_PLAIN_UTF8);
	}

	@Override
	protected boolean supports(Class<?> type) {
		return PlainText.class.isAssignableFrom(type);
	}

	@Override
	protected boolean canRead(MediaType mediaType) {
		return false;
	}

	@Override
	protected PlainText readInternal(Class<? extends PlainText> type, HttpInputMessage input) {
		throw new HttpMessageNotReadableException("Plain-text bodies are written, never read", input);
	}

	@Override
	protected void writeInternal(PlainText body, HttpOutputMessage output) throws IOException {
		byte[] bytes = body.toPlainText().getBytes(StandardCharsets.UTF_8);
		output.getHeaders().setContentLength(bytes.length);
		StreamUtils.copy(bytes, output.getBody());
	}

}
