package com.greenroom.tiers;

/** A creator's tier; NEW and DORMANT take precedence over the revenue tiers. */
public enum Tier {
	NEW, DORMANT, TOP, MID, EMERGING
}
