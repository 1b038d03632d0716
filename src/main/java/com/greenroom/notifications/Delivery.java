package com.greenroom.notifications;

import java.time.Instant;

/**
 * The delivery state of one outbox message: {@code attempts} so far, the last {@code failure} (while a retry
 * waits, or the reason it was given up) and when it was sent.
 */
public record Delivery(long id, DeliveryStatus status, int attempts, String failure, Instant sentAt) {
}
