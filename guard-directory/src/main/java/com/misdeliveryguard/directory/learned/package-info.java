/**
 * Learned recipients (SPEC §4): once a sender confirms a held message, each confirmed recipient
 * that the directory does not know is remembered for that sender, so later mail from that sender
 * to that address is not held for being unknown. Stored per (sender, recipient), both compared
 * with the local part case-insensitive.
 */
package com.misdeliveryguard.directory.learned;
