package com.greenroom.notifications;

/** Where a message stands for its sender: still to go (or going), delivered, or given up with a reason. */
public enum DeliveryStatus {
	QUEUED, SENT, FAILED
}
