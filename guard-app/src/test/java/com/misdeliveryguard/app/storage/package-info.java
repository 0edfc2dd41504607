/** Test helpers that make storage fail on demand (database commits), for the durability tests. */
package com.misdeliveryguard.app.storage;
