package com.greenroom.comms;

import java.util.List;
import java.util.Map;

import com.greenroom.creators.Creator;

/**
 * Contributes placeholders to message templates. The comms module brings {@code creator.*}, {@code manager.*}
 * and {@code milestones.*}; a module that depends on comms adds its own namespace by implementing this as a
 * bean (the campaigns module is meant to add {@code campaign.*}: the creator's current campaign's name,
 * dates and goal). A template naming a placeholder no source declares is refused when it is saved.
 */
public interface PlaceholderSource {

	/** The placeholders this source declares, each named {@code namespace.field}. */
	List<Placeholder> placeholders();

	/** This creator's values by placeholder name; a missing or null value is replaced by the placeholder's fallback. */
	Map<String, String> values(Creator creator);
}
