/**
 * Who may do what, where: users, roles, API tokens, regions and the region scope every other module
 * applies. Public API: {@link com.greenroom.identity.Viewer}, {@link com.greenroom.identity.Regions},
 * {@link com.greenroom.identity.Users}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity",
		allowedDependencies = { "audit", "system" })
package com.greenroom.identity;
