package com.greenroom.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test (or every test of a class) that feeds poison events on purpose, so a projection's quarantine may hold
 * rows when it ends; every other {@link IntegrationTest} fails if one does ({@link QuarantineGuard}).
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface ExpectsQuarantine {
}
