package com.greenroom.onboarding;

/** How a step's due offset is counted: calendar days, or business days of the region's calendar. */
public enum DueUnit {
	DAYS, BUSINESS_DAYS
}
