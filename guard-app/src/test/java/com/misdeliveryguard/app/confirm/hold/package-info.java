/**
 * Contract tests of the hold records (H2 always, PostgreSQL when {@code GUARD_TEST_POSTGRES_URL} is set)
 * and of the token value type.
 */
package com.misdeliveryguard.app.confirm.hold;
