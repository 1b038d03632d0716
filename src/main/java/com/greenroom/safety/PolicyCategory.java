package com.greenroom.safety;

import java.util.List;

/**
 * One area of the policy taxonomy (modelled on common community standards): its base severity, the
 * enforcement guidance moderators follow, and the platform report categories that count toward it.
 */
public record PolicyCategory(String code, String name, String description, Severity severity, String guidance,
		List<String> reportCategories) {
}
