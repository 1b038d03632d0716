package com.greenroom.events;

import java.math.BigDecimal;

/**
 * An amount as the platform sent it, and its value in the reporting currency (USD) at the configured
 * rate when it was ingested. Revenue figures add up {@code usd}.
 */
public record Money(BigDecimal value, String currency, BigDecimal usd) {
}
