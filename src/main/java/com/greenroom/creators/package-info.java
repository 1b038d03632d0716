/**
 * The creator roster: who the creators are, where they belong and who manages them. Public API:
 * {@link com.greenroom.creators.Creators}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Creators")
package com.greenroom.creators;
