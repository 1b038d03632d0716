package com.greenroom.activity;

/**
 * A live room's risk badge: what it says (e.g. "Open case · High"), its level for styling ({@code LOW} to
 * {@code CRITICAL}), and where the viewer reads more (null when they may not see details).
 */
public record RoomRisk(String label, String level, String link) {
}
