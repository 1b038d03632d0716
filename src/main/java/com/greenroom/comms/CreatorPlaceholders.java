package com.greenroom.comms;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.greenroom.creators.Creator;
import com.greenroom.identity.Users;
import org.springframework.stereotype.Component;

/** The creator's own fields and their manager's name and email. */
@Component
class CreatorPlaceholders implements PlaceholderSource {

	private final Users users;

	CreatorPlaceholders(Users users) {
		this.users = users;
	}

	@Override
	public List<Placeholder> placeholders() {
		return List.of(new Placeholder("creator.handle", "the creator's handle", "there"),
				new Placeholder("creator.id", "the platform's creator id", ""),
				new Placeholder("creator.country", "ISO country code, e.g. BR", ""),
				new Placeholder("creator.region", "region code, e.g. LATAM", ""),
				new Placeholder("creator.language", "BCP 47 language, e.g. pt-BR", ""),
				new Placeholder("creator.timeZone", "IANA time zone", ""),
				new Placeholder("creator.registeredOn", "registration date in the creator's time zone", ""),
				new Placeholder("manager.name", "the creator's manager", "the Greenroom creator team"),
				new Placeholder("manager.email", "the manager's email", "the creator team"));
	}

	@Override
	public Map<String, String> values(Creator creator) {
		Map<String, String> values = new HashMap<>();
		values.put("creator.handle", creator.handle());
		values.put("creator.id", creator.creatorId());
		values.put("creator.country", creator.country());
		values.put("creator.region", creator.regionCode());
		values.put("creator.language", creator.language());
		values.put("creator.timeZone", creator.timeZone());
		if (creator.registeredAt() != null) {
			ZoneId zone = creator.timeZone() == null ? ZoneId.of("UTC") : ZoneId.of(creator.timeZone());
			Locale locale = creator.language() == null ? Locale.ENGLISH : Locale.forLanguageTag(creator.language());
			values.put("creator.registeredOn",
					DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(creator.registeredAt().atZone(zone)));
		}
		if (creator.managerId() != null) {
			users.find(creator.managerId()).ifPresent(m -> {
				values.put("manager.name", m.displayName());
				values.put("manager.email", m.email());
			});
		}
		return values;
	}
}
