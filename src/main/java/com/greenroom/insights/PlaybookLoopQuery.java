package com.greenroom.insights;

import java.time.LocalDate;

import com.greenroom.insights.CreatorOutcomes.Grouping;

/**
 * A playbook-loop question: creators registered (creator day) from {@code from} to {@code to}, optionally of
 * one region, grouped {@code by}, with conversion to {@code milestone} by day 14, compared with the
 * {@code baseline} group (null: the first group).
 */
record PlaybookLoopQuery(Grouping by, LocalDate from, LocalDate to, String region, String milestone, String milestoneName, String baseline) {
}
