package com.greenroom.system;

/** A request-body limit for paths under a prefix, declared as a bean by the module that owns them. */
public record BodyLimit(String pathPrefix, long maxBytes) {
}
