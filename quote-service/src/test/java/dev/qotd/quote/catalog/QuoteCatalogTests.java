package dev.qotd.quote.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.qotd.quote.catalog.QuoteSource.InlineQuotes;
import dev.qotd.quote.catalog.QuoteSource.QuoteFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class QuoteCatalogTests {

	@TempDir
	Path directory;

	@Test
	void servesTheSourcesQuotes() {
		QuoteCatalog catalog = new QuoteCatalog(new InlineQuotes("\"One\"\n\"Two\"\n\"Three\"\n"));
		assertThat(catalog.allQuotes()).containsExactly("One", "Two", "Three");
		assertThat(catalog.sourceName()).isEqualTo("QUOTES");
		Set<String> drawn = new HashSet<>();
		for (int i = 0; i < 300; i++) {
			drawn.add(catalog.randomQuote());
		}
		assertThat(drawn).containsExactlyInAnyOrder("One", "Two", "Three");
	}

	@Test
	void builtInQuotesAreServedWhenNothingIsSet() {
		QuoteCatalog catalog = new QuoteCatalog(QuoteSource.from(new MockEnvironment()));
		assertThat(catalog.allQuotes()).contains("The journey of a thousand miles begins with a single step.",
				"What you do today can improve all your tomorrows.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "\n\n   \n", "\"\"\n\"\"\n", "\uFEFF" })
	void quotesFileWithoutAQuoteIsAnErrorNamingIt(String text) throws IOException {
		Path file = Files.writeString(this.directory.resolve("quotes.txt"), text);
		assertThatExceptionOfType(QuoteSourceException.class).isThrownBy(() -> new QuoteCatalog(new QuoteFile(file)))
			.withMessageStartingWith("QUOTES_FILE=" + file + ": holds no quote")
			.satisfies((ex) -> assertThat(ex.getSource()).isEqualTo("QUOTES_FILE=" + file));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\n  \n", "\"\"" })
	void quotesVariableWithoutAQuoteIsAnErrorNamingIt(String value) {
		assertThatExceptionOfType(QuoteSourceException.class)
			.isThrownBy(() -> new QuoteCatalog(QuoteSource.from(new MockEnvironment().withProperty("QUOTES", value))))
			.withMessageStartingWith("QUOTES: holds no quote");
	}

	@Test
	void reloadPicksUpAChangedFile() throws IOException {
		Path file = Files.writeString(this.directory.resolve("quotes.txt"), "\"Old\"\n");
		QuoteCatalog catalog = new QuoteCatalog(new QuoteFile(file));
		catalog.reloadIfChanged();
		assertThat(catalog.allQuotes()).containsExactly("Old");
		Files.writeString(file, "\"New\"\n\"Newer\"\n");
		catalog.reloadIfChanged();
		assertThat(catalog.allQuotes()).containsExactly("New", "Newer");
	}

	@Test
	void reloadPicksUpAConfigMapUpdate() throws IOException {
		ConfigMapVolume volume = ConfigMapVolume.mount(this.directory, "quotes.txt", "\"Old\"\n");
		assertThat(Files.readSymbolicLink(volume.file("quotes.txt"))).isEqualTo(Path.of("..data", "quotes.txt"));
		Path firstVersion = this.directory.resolve(Files.readSymbolicLink(this.directory.resolve("..data")));
		QuoteCatalog catalog = new QuoteCatalog(new QuoteFile(volume.file("quotes.txt")));
		assertThat(catalog.allQuotes()).containsExactly("Old");
		volume.update("quotes.txt", "\"New\"\n");
		assertThat(firstVersion).doesNotExist();
		catalog.reloadIfChanged();
		assertThat(catalog.allQuotes()).containsExactly("New");
		volume.update("quotes.txt", "\"Newest\"\n");
		catalog.reloadIfChanged();
		assertThat(catalog.allQuotes()).containsExactly("Newest");
	}

	@Test
	void reloadKeepsTheQuotesWhenTheFileIsGone() throws IOException {
		Path file = Files.writeString(this.directory.resolve("quotes.txt"), "\"Kept\"\n");
		QuoteCatalog catalog = new QuoteCatalog(new QuoteFile(file));
		Files.delete(file);
		catalog.reloadIfChanged();
		assertThat(catalog.allQuotes()).containsExactly("Kept");
		Files.writeString(file, "\"Back\"\n");
		catalog.reloadIfChanged();
		assertThat(catalog.allQuotes()).containsExactly("Back");
	}

	@Test
	void reloadKeepsTheQuotesWhenTheKeyLeavesTheConfigMap() {
		ConfigMapVolume volume = ConfigMapVolume.mount(this.directory, "quotes.txt", "\"Kept\"\n");
		QuoteCatalog catalog = new QuoteCatalog(new QuoteFile(volume.file("quotes.txt")));
		volume.update(Map.of("other.txt", "x".getBytes(StandardCharsets.UTF_8)));
		catalog.reloadIfChanged();
		assertThat(catalog.allQuotes()).containsExactly("Kept");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "\"\"\n", "\"Bell \u0007\"" })
	void reloadKeepsTheQuotesWhenTheFileHoldsNoUsableQuote(String broken) {
		ConfigMapVolume volume = ConfigMapVolume.mount(this.directory, "quotes.txt", "\"Kept\"\n");
		QuoteCatalog catalog = new QuoteCatalog(new QuoteFile(volume.file("quotes.txt")));
		volume.update("quotes.txt", broken);
		catalog.reloadIfChanged();
		assertThat(catalog.allQuotes()).containsExactly("Kept");
		volume.update("quotes.txt", "\"Fixed\"\n");
		catalog.reloadIfChanged();
		assertThat(catalog.allQuotes()).containsExactly("Fixed");
	}

	@Test
	void reloadKeepsTheQuotesWhenTheFileIsNotUtf8() {
		ConfigMapVolume volume = ConfigMapVolume.mount(this.directory, "quotes.txt", "\"Kept\"\n");
		QuoteCatalog catalog = new QuoteCatalog(new QuoteFile(volume.file("quotes.txt")));
		volume.update(Map.of("quotes.txt", "\"Caf\u00E9\"".getBytes(StandardCharsets.ISO_8859_1)));
		catalog.reloadIfChanged();
		assertThat(catalog.allQuotes()).containsExactly("Kept");
	}

	@Test
	void inlineQuotesAreNotReloaded() {
		QuoteCatalog catalog = new QuoteCatalog(new InlineQuotes("\"Fixed\""));
		List<String> before = catalog.allQuotes();
		catalog.reloadIfChanged();
		assertThat(catalog.allQuotes()).isSameAs(before);
	}

}
