/**
 * Test fixtures shared by the core's tests: an in-memory {@link com.misdeliveryguard.core.directory.ContactDirectory}
 * over the sample directory CSV, in-memory learned recipients, and a builder of checked messages.
 */
package com.misdeliveryguard.core.testing;
