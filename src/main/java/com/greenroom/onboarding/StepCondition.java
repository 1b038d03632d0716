package com.greenroom.onboarding;

import java.util.List;
import java.util.Locale;

/**
 * Which creators a step applies to. Each non-empty list must match (region code, country code,
 * language); an empty condition applies to everyone. A language without a subtag ({@code id}) matches
 * every variant of it ({@code id-ID}).
 */
public record StepCondition(List<String> regions, List<String> countries, List<String> languages) {

	public StepCondition {
		regions = regions == null ? List.of() : List.copyOf(regions);
		countries = countries == null ? List.of() : List.copyOf(countries);
		languages = languages == null ? List.of() : List.copyOf(languages);
	}

	public static StepCondition none() {
		return new StepCondition(List.of(), List.of(), List.of());
	}

	public boolean isEmpty() {
		return regions.isEmpty() && countries.isEmpty() && languages.isEmpty();
	}

	public boolean matches(String region, String country, String language) {
		return (regions.isEmpty() || regions.contains(region)) && (countries.isEmpty() || countries.contains(country))
				&& (languages.isEmpty() || language != null && languages.stream().anyMatch(l -> languageMatches(l, language)));
	}

	private static boolean languageMatches(String wanted, String actual) {
		String w = wanted.toLowerCase(Locale.ROOT);
		String a = actual.toLowerCase(Locale.ROOT);
		return a.equals(w) || !w.contains("-") && a.startsWith(w + "-");
	}
}
