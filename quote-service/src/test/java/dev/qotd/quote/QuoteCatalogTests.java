package dev.qotd.quote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class QuoteCatalogTests {

	@TempDir
	Path directory;

	@Test
	void readsTheWalkthroughsFormat() throws Exception {
		QuoteCatalog catalog = new QuoteCatalog(null, """

				  "The journey of a thousand miles begins with a single step."
				"He said "no" and meant it."
				Unquoted, 100% kept \\ as written
				""");

		assertThat(catalog.allQuotes()).containsExactly("The journey of a thousand miles begins with a single step.",
				"He said \"no\" and meant it.", "Unquoted, 100% kept \\ as written");
	}

	@Test
	void quotesAreTextNeverPlaceholdersOrExpressions() throws Exception {
		MockEnvironment environment = new MockEnvironment().withProperty("QUOTES", "\"It costs ${price}, not #{1+1}.\"");

		assertThat(new QuoteCatalog(environment).allQuotes()).containsExactly("It costs ${price}, not #{1+1}.");
	}

	@Test
	void theFileComesFirstThenTheVariableThenTheBuiltInQuotes() throws Exception {
		Path file = Files.writeString(this.directory.resolve("quotes.txt"), "\"From the file.\"\n");

		assertThat(new QuoteCatalog(file.toString(), "From the variable.").allQuotes()).containsExactly("From the file.");
		assertThat(new QuoteCatalog(null, "From the variable.").allQuotes()).containsExactly("From the variable.");
		assertThat(new QuoteCatalog(null, null).allQuotes()).hasSize(7)
			.contains("The journey of a thousand miles begins with a single step.");
	}

	@Test
	void aSourceThatHoldsNoQuoteIsRefusedNamingIt() throws Exception {
		Path empty = Files.writeString(this.directory.resolve("empty.txt"), "\n  \n\"\"\n");

		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> new QuoteCatalog(empty.toString(), null))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("QUOTES_FILE"))
			.withMessageContaining("holds no quote");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> new QuoteCatalog(null, " "))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("QUOTES"));
	}

	@Test
	void aFileThatCannotBeReadIsRefusedNamingIt() throws Exception {
		Path binary = Files.write(this.directory.resolve("binary.txt"), new byte[] { (byte) 0xff, (byte) 0xfe, 0 });

		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> new QuoteCatalog(this.directory.resolve("missing.txt").toString(), null))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("QUOTES_FILE"))
			.withMessageContaining("missing.txt");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> new QuoteCatalog(binary.toString(), null))
			.withMessageContaining("UTF-8");
	}

	/**
	 * The kubelet updates a mounted ConfigMap by pointing the {@code ..data} link at a new
	 * directory; {@code quotes.txt} is a link through it.
	 */
	@Test
	void aConfigMapUpdateIsServedAtTheNextReloadAndABrokenOneKeepsTheQuotes() throws Exception {
		Path volume = Files.createDirectory(this.directory.resolve("volume"));
		Files.writeString(Files.createDirectory(volume.resolve("..v1")).resolve("quotes.txt"), "\"First.\"\n");
		Files.writeString(Files.createDirectory(volume.resolve("..v2")).resolve("quotes.txt"), "\"Second.\"\n");
		Files.writeString(Files.createDirectory(volume.resolve("..v3")).resolve("quotes.txt"), "\n");
		Files.createSymbolicLink(volume.resolve("..data"), volume.resolve("..v1").getFileName());
		Files.createSymbolicLink(volume.resolve("quotes.txt"), Path.of("..data/quotes.txt"));
		QuoteCatalog catalog = new QuoteCatalog(volume.resolve("quotes.txt").toString(), null);

		pointDataAt(volume, "..v2");
		catalog.reloadFile();
		assertThat(catalog.allQuotes()).containsExactly("Second.");

		pointDataAt(volume, "..v3");
		catalog.reloadFile();
		assertThat(catalog.allQuotes()).containsExactly("Second.");
	}

	private static void pointDataAt(Path volume, String version) throws Exception {
		Path next = Files.createSymbolicLink(volume.resolve("..data_tmp"), Path.of(version));
		Files.move(next, volume.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
	}

}
