package com.greenroom.incidents;

/** Changes to an incident; an absent (null) field stays as it is. Resolving needs an outcome (given now or before). */
public record IncidentChanges(String title, String severity, String status, Long ownerId, String outcome) {
}
