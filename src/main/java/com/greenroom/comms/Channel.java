package com.greenroom.comms;

/** How a template reaches a creator: email to the creator's address, or an in-app message through the platform. */
public enum Channel {
	EMAIL, IN_APP
}
