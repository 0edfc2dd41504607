package com.misdeliveryguard.directory.store;

/** How many contacts, organizations and known domains the directory holds. */
public record DirectoryCounts(long contacts, long organizations, long domains) {
}
