package com.greenroom.creators;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A roster row: the creator, and the figures of the contributed columns asked for, by column key (an
 * absent figure is null: no activity yet, no tier computed).
 */
public record RosterEntry(@JsonUnwrapped Creator creator, Map<String, Object> figures) {
}
