package com.greenroom.activity;

/** Published synchronously when the activity projection drops everything before a rebuild. */
public record ActivityReset() {
}
