/**
 * What every page of the auditor and administrator console shares: one language at a time
 * ({@link com.misdeliveryguard.app.console.ConsoleTexts}, chosen by {@code ?lang=}, a remembered
 * cookie, or the browser's Accept-Language, Japanese by default) and the menu
 * ({@code templates/console/menu.html}: one fragment, one line per page).
 */
package com.misdeliveryguard.app.console;
