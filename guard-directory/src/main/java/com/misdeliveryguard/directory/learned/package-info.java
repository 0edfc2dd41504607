/**
 * Learned recipients (SPEC §4) in the database: {@link com.misdeliveryguard.directory.learned.JdbcLearnedRecipients}
 * implements the core port {@link com.misdeliveryguard.core.directory.LearnedRecipients}, stored per
 * (sender, recipient), both compared with the local part case-insensitive;
 * {@link com.misdeliveryguard.directory.learned.CachedLearnedRecipients} answers repeated questions from a
 * Caffeine cache.
 */
package com.misdeliveryguard.directory.learned;
