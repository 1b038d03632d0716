package com.greenroom.incidents;

import java.util.List;

/** A lesson: what to change, the key of the playbook to change, and the regions (default: all of the incident's). */
public record LessonDraft(String text, String playbookKey, List<String> regions) {
}
