package dev.qotd.quote.catalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class QuoteCatalogConfiguration {

	@Bean
	QuoteCatalog quoteCatalog(Environment environment) {
		return new QuoteCatalog(QuoteSource.from(environment));
	}

}
