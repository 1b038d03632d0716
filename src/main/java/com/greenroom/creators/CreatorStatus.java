package com.greenroom.creators;

/**
 * Where a creator stands with the team. {@code PENDING}: seen in platform events before their
 * registration arrived.
 */
public enum CreatorStatus {
	PENDING, ACTIVE, PAUSED, OFFBOARDED
}
