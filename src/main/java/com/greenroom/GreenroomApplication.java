package com.greenroom;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Greenroom: the creator-operations platform. One jar, several commands (see {@link Command}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class GreenroomApplication {

	public static void main(String[] args) {
		Command.run(args);
	}

	/** Starts the web application with the given Spring arguments. */
	public static void serve(String[] args) {
		SpringApplication.run(GreenroomApplication.class, args);
	}
}
