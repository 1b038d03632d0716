package com.greenroom.coaching;

/** A topic a session can cover; retired topics ({@code active} false) stay on old sessions but cannot be picked. */
public record CoachingTopic(String code, String name, boolean active, int position) {
}
