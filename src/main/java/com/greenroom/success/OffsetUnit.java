package com.greenroom.success;

/** Offsets count calendar days or business days of the creator's region, keeping the local time of day. */
public enum OffsetUnit {
	DAYS, BUSINESS_DAYS
}
