package dev.qotd.time;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class TimeServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(TimeServiceApplication.class, args);
	}

	/** A bean, so that tests can fix the time. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
