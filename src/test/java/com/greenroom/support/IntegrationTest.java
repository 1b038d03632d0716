package com.greenroom.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * A test against the whole application: real HTTP on a random port, the JVM's one embedded PostgreSQL.
 * All such tests share one Spring context; each starts from {@link TestData#reset()}. The clock is a
 * {@link TestClock}, fixed at {@link TestClock#START} until a test moves it. Email and webhooks go to receivers in
 * the test JVM ({@link TestChannels}). A test fails if a projection quarantined an event it did not expect
 * ({@link QuarantineGuard}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({ TestData.class, Api.class, EventFeed.class, PublishedMilestones.class, TestClock.Configuration.class })
@ContextConfiguration(initializers = TestChannels.class)
@ExtendWith(QuarantineGuard.class)
public @interface IntegrationTest {
}
