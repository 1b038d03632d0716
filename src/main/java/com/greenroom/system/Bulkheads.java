package com.greenroom.system;

import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shares of the one connection pool ({@link PoolProperties}). One pool with permits rather than a
 * pool per kind of work: one DataSource keeps one transaction manager, Flyway, the event publication
 * registry and every {@code JdbcClient} as they are, and a transaction never spans two pools; the
 * permits give the same isolation, since each request or append holds at most one connection at a time.
 */
@Configuration(proxyBeanMethods = false)
public class Bulkheads implements MeterBinder {

	private final Bulkhead web;

	private final Bulkhead export;

	private final Bulkhead ingest;

	Bulkheads(PoolProperties pools) {
		this.web = new Bulkhead("web", pools.web(), pools.webWait());
		this.export = new Bulkhead("export", pools.export(), pools.exportWait());
		this.ingest = new Bulkhead("ingest", pools.ingest(), pools.ingestWait());
	}

	/** Console and API requests (except event ingest). */
	public Bulkhead web() {
		return web;
	}

	/** Downloads: CSV exports and iCalendar feeds, which hold their connection while the file streams to the client. */
	public Bulkhead export() {
		return export;
	}

	/** Event appends (HTTP and Kafka). */
	public Bulkhead ingest() {
		return ingest;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (Bulkhead bulkhead : List.of(web, export, ingest)) {
			Gauge.builder("greenroom.pool.permits.used", bulkhead, Bulkhead::inUse)
				.tag("share", bulkhead.name())
				.baseUnit("connections")
				.description("connections of this share of the database pool in use (web requests, downloads or event appends)")
				.register(registry);
		}
	}

	/** Sizes the pool (embedded or external) to the sum of the shares, with a short connection timeout. */
	@Bean
	static BeanPostProcessor poolSizing(org.springframework.beans.factory.ObjectProvider<PoolProperties> pools) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
				if (bean instanceof HikariDataSource dataSource) {
					PoolProperties settings = pools.getObject();
					dataSource.setMaximumPoolSize(settings.total());
					dataSource.setConnectionTimeout(settings.connectionTimeout().toMillis());
				}
				return bean;
			}
		};
	}
}
