package com.greenroom.incidents;

/** How bad an incident is: SEV1 (platform-wide or revenue down), SEV2 (a region or a feature), SEV3 (contained). */
public enum Severity {
	SEV1, SEV2, SEV3
}
