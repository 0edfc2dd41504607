/**
 * Test support for pages in a real browser: {@link com.misdeliveryguard.app.browser.HeadlessChromium}
 * runs Debian's Chromium headless through the system chromedriver and saves screenshots.
 */
package com.misdeliveryguard.app.browser;
