/**
 * Shared kernel: the one clock, the embedded database, the one error format (RFC 9457 problems), the
 * one pagination style (opaque cursors) and request limits. Every module may use it.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN,
		allowedDependencies = {})
package com.greenroom.system;
