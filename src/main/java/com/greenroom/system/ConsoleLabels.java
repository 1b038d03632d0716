package com.greenroom.system;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * The one way the console turns a code (a role, a status, a milestone, a timeline kind, an audited field)
 * into words a person reads, used from templates as {@code @labels.of(code)}. An enum that carries its own
 * words implements {@link Labelled}; the shared vocabulary below covers the rest; any other code reads
 * as a sentence-case phrase ({@code SEVEN_ACTIVE_DAYS} → "Seven active days", {@code managerId} →
 * "Manager id"); text that is already words keeps them and has only the codes inside it replaced
 * ("reached milestone FIRST_STREAM" → "reached milestone First stream").
 */
@Component("labels")
public class ConsoleLabels {

	/** A code that knows how a person should read it. */
	public interface Labelled {

		String label();
	}

	private static final Map<String, String> WORDS = Map.ofEntries(
			// roles and owners
			Map.entry("ADMIN", "Admin"), Map.entry("REGIONAL_LEAD", "Regional lead"), Map.entry("CREATOR_MANAGER", "Creator manager"),
			Map.entry("CREATORS_MANAGER", "Creator’s manager"), Map.entry("SAFETY", "Trust & safety"), Map.entry("ANALYST", "Analyst"),
			Map.entry("INTEGRATION", "Integration (ingest only)"),
			// milestones built in
			Map.entry("FIRST_STREAM", "First stream"), Map.entry("FIRST_REVENUE", "First revenue"),
			Map.entry("TEN_RETAINED_VIEWERS", "Ten retained viewers"), Map.entry("FIRST_SUBSCRIPTION", "First subscription"),
			// statuses
			Map.entry("OPEN", "Open"), Map.entry("DONE", "Done"), Map.entry("SKIPPED", "Skipped"), Map.entry("PENDING", "Awaiting registration"),
			Map.entry("ACTIVE", "Active"), Map.entry("PAUSED", "Paused"), Map.entry("OFFBOARDED", "Offboarded"), Map.entry("DRAFT", "Draft"),
			Map.entry("PUBLISHED", "Published"),
			// tiers
			Map.entry("NEW", "New"), Map.entry("DORMANT", "Dormant"), Map.entry("TOP", "Top"), Map.entry("MID", "Mid"),
			Map.entry("EMERGING", "Emerging"),
			// timeline kinds and task sources
			Map.entry("MILESTONE", "Milestone"), Map.entry("CHECKLIST_STEP", "Checklist step"), Map.entry("ONBOARDING", "Onboarding"),
			Map.entry("SUPPORT_ACTION", "Support action"), Map.entry("COACHING", "Coaching"),
			// rule kinds and units
			Map.entry("ON_REACHED", "When reached"), Map.entry("STALL", "When not reached in time"), Map.entry("DAYS", "days"),
			Map.entry("BUSINESS_DAYS", "business days"),
			// audited entities and actions
			Map.entry("api_token", "API token"), Map.entry("creator", "Creator"), Map.entry("user", "User"), Map.entry("region", "Region"),
			Map.entry("creatorId", "Creator id"), Map.entry("managerId", "Manager id"), Map.entry("managerName", "Manager"),
			Map.entry("regionCode", "Region"), Map.entry("timeZone", "Time zone"), Map.entry("displayName", "Display name"),
			Map.entry("registeredAt", "Registered"), Map.entry("lastUsedAt", "Last used"), Map.entry("createdAt", "Created"),
			Map.entry("updatedAt", "Updated"), Map.entry("revokedAt", "Revoked"));

	/** A code inside words: upper case with at least one underscore. */
	private static final Pattern EMBEDDED_CODE = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");

	/** Words for the code: its own label, the shared vocabulary, or the code as a phrase; "—" for none. */
	public String of(Object code) {
		if (code == null) {
			return "—";
		}
		if (code instanceof Labelled labelled) {
			return labelled.label();
		}
		String text = code instanceof Enum<?> constant ? constant.name() : code.toString();
		if (text.isBlank()) {
			return "—";
		}
		String known = WORDS.get(text);
		if (known != null) {
			return known;
		}
		if (text.chars().allMatch(c -> Character.isLowerCase(c) || Character.isDigit(c))) {
			return text; // a plain word ("created") is already words
		}
		if (text.indexOf(' ') >= 0) {
			// Already words, perhaps with a code inside ("reached milestone FIRST_STREAM"): only the codes change.
			return EMBEDDED_CODE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(of(m.group())));
		}
		return phrase(text);
	}

	/** {@code SEVEN_ACTIVE_DAYS}, {@code seven-active-days} or {@code sevenActiveDays} → "Seven active days". */
	static String phrase(String code) {
		String spaced = code.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').replace('-', ' ').replace('.', ' ').trim();
		String lower = spaced.toLowerCase(Locale.ROOT);
		return lower.isEmpty() ? code : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
	}
}
