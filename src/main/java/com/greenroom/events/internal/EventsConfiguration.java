package com.greenroom.events.internal;

import com.greenroom.system.BodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Event batches are far larger than other request bodies. */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

	@Bean
	BodyLimit eventsBodyLimit(EventsProperties properties) {
		return new BodyLimit("/api/v1/events", properties.maxRequestSize().toBytes());
	}
}
