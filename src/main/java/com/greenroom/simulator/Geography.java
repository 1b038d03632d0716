package com.greenroom.simulator;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where simulated creators live: regions weighted roughly like a Bigo-style app's creator base, and
 * countries of the seeded region table with their IANA zones, languages and local currencies.
 */
final class Geography {

	/** A country a creator can come from; {@code region} is the seeded region that owns it. */
	record Country(String code, String region, String language, String currency, List<String> zones) {
	}

	/** A currency creators are paid in, with a rough rate per US dollar and its usual decimal places. */
	record Currency(String code, BigDecimal perUsd, int scale) {
	}

	static final List<Currency> CURRENCIES = List.of(new Currency("USD", new BigDecimal("1"), 2),
			new Currency("EUR", new BigDecimal("0.92"), 2), new Currency("BRL", new BigDecimal("5.40"), 2),
			new Currency("IDR", new BigDecimal("16000"), 0), new Currency("INR", new BigDecimal("84"), 2),
			new Currency("PHP", new BigDecimal("57"), 2));

	private record Weighted(String region, double weight, List<Country> countries) {
	}

	private static final List<Weighted> REGIONS = List.of(
			new Weighted("SEA", 0.24, List.of(
					new Country("ID", "SEA", "id-ID", "IDR", List.of("Asia/Jakarta", "Asia/Makassar")),
					new Country("PH", "SEA", "fil-PH", "PHP", List.of("Asia/Manila")),
					new Country("VN", "SEA", "vi-VN", "USD", List.of("Asia/Ho_Chi_Minh")),
					new Country("TH", "SEA", "th-TH", "USD", List.of("Asia/Bangkok")),
					new Country("MY", "SEA", "ms-MY", "USD", List.of("Asia/Kuala_Lumpur")),
					new Country("SG", "SEA", "en-SG", "USD", List.of("Asia/Singapore")))),
			new Weighted("LATAM", 0.17, List.of(
					new Country("BR", "LATAM", "pt-BR", "BRL", List.of("America/Sao_Paulo", "America/Manaus")),
					new Country("MX", "LATAM", "es-MX", "USD", List.of("America/Mexico_City")),
					new Country("CO", "LATAM", "es-CO", "USD", List.of("America/Bogota")),
					new Country("AR", "LATAM", "es-AR", "USD", List.of("America/Argentina/Buenos_Aires")),
					new Country("PE", "LATAM", "es-PE", "USD", List.of("America/Lima")))),
			new Weighted("SA", 0.15, List.of(
					new Country("IN", "SA", "hi-IN", "INR", List.of("Asia/Kolkata")),
					new Country("PK", "SA", "ur-PK", "USD", List.of("Asia/Karachi")),
					new Country("BD", "SA", "bn-BD", "USD", List.of("Asia/Dhaka")),
					new Country("LK", "SA", "si-LK", "USD", List.of("Asia/Colombo")))),
			new Weighted("MENA", 0.11, List.of(
					new Country("AE", "MENA", "ar-AE", "USD", List.of("Asia/Dubai")),
					new Country("SA", "MENA", "ar-SA", "USD", List.of("Asia/Riyadh")),
					new Country("EG", "MENA", "ar-EG", "USD", List.of("Africa/Cairo")),
					new Country("TR", "MENA", "tr-TR", "USD", List.of("Europe/Istanbul")),
					new Country("MA", "MENA", "ar-MA", "USD", List.of("Africa/Casablanca")))),
			new Weighted("EU", 0.11, List.of(
					new Country("GB", "EU", "en-GB", "USD", List.of("Europe/London")),
					new Country("DE", "EU", "de-DE", "EUR", List.of("Europe/Berlin")),
					new Country("FR", "EU", "fr-FR", "EUR", List.of("Europe/Paris")),
					new Country("ES", "EU", "es-ES", "EUR", List.of("Europe/Madrid")),
					new Country("IT", "EU", "it-IT", "EUR", List.of("Europe/Rome")),
					new Country("PL", "EU", "pl-PL", "USD", List.of("Europe/Warsaw")),
					new Country("UA", "EU", "uk-UA", "USD", List.of("Europe/Kyiv")),
					new Country("KZ", "EU", "kk-KZ", "USD", List.of("Asia/Almaty")))),
			new Weighted("NA", 0.08, List.of(
					new Country("US", "NA", "en-US", "USD",
							List.of("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles")),
					new Country("CA", "NA", "en-CA", "USD", List.of("America/Toronto", "America/Vancouver")))),
			new Weighted("SSA", 0.06, List.of(
					new Country("NG", "SSA", "en-NG", "USD", List.of("Africa/Lagos")),
					new Country("KE", "SSA", "sw-KE", "USD", List.of("Africa/Nairobi")),
					new Country("ZA", "SSA", "en-ZA", "USD", List.of("Africa/Johannesburg")),
					new Country("GH", "SSA", "en-GH", "USD", List.of("Africa/Accra")))),
			new Weighted("EA", 0.06, List.of(
					new Country("JP", "EA", "ja-JP", "USD", List.of("Asia/Tokyo")),
					new Country("KR", "EA", "ko-KR", "USD", List.of("Asia/Seoul")),
					new Country("TW", "EA", "zh-TW", "USD", List.of("Asia/Taipei")),
					new Country("HK", "EA", "zh-HK", "USD", List.of("Asia/Hong_Kong")))),
			new Weighted("OC", 0.02, List.of(
					new Country("AU", "OC", "en-AU", "USD", List.of("Australia/Sydney", "Australia/Perth")),
					new Country("NZ", "OC", "en-NZ", "USD", List.of("Pacific/Auckland")))));

	private Geography() {
	}

	static List<Country> countries() {
		return REGIONS.stream().flatMap(r -> r.countries().stream()).toList();
	}

	/** A country drawn by region weight, then uniformly among the region's countries. */
	static Country pickCountry(SplittableRandom random) {
		double total = REGIONS.stream().mapToDouble(Weighted::weight).sum();
		double u = random.nextDouble() * total;
		for (Weighted region : REGIONS) {
			u -= region.weight();
			if (u < 0) {
				return region.countries().get(random.nextInt(region.countries().size()));
			}
		}
		List<Country> last = REGIONS.get(REGIONS.size() - 1).countries();
		return last.get(random.nextInt(last.size()));
	}

	static ZoneId pickZone(Country country, SplittableRandom random) {
		return ZoneId.of(country.zones().get(random.nextInt(country.zones().size())));
	}

	static Currency currency(String code) {
		return CURRENCIES.stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
	}
}
