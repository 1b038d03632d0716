package com.greenroom.success;

/** When a rule fires: as a milestone is reached, or when it is still not reached some days after registration. */
public enum RuleKind {
	ON_REACHED, STALL
}
