/**
 * The console's frame: sign-in page, home page and what every page's layout needs. Feature pages live
 * in their own modules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Console",
		allowedDependencies = { "creators", "identity", "system", "tasks" })
package com.greenroom.console;
