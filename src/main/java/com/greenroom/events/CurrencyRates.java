package com.greenroom.events;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.Set;

import com.greenroom.events.internal.EventsProperties;
import org.springframework.stereotype.Component;

/**
 * The configured USD rate per currency ({@code greenroom.events.currency-rates}), for amounts other modules take
 * in (a campaign's cost): converted exactly as ingest converts a gift's amount.
 */
@Component
public class CurrencyRates {

	private final EventsProperties properties;

	CurrencyRates(EventsProperties properties) {
		this.properties = properties;
	}

	/** The value in USD at the configured rate (6 decimals, half-even, as {@link Money#usd()}), or empty for an unknown currency. */
	public Optional<BigDecimal> toUsd(BigDecimal value, String currency) {
		BigDecimal rate = currency == null ? null : properties.currencyRates().get(currency);
		return rate == null ? Optional.empty() : Optional.of(value.multiply(rate).setScale(6, RoundingMode.HALF_EVEN));
	}

	/** The currency codes with a configured rate. */
	public Set<String> currencies() {
		return properties.currencyRates().keySet();
	}
}
