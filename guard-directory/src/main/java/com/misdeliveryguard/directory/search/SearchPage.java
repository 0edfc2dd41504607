package com.misdeliveryguard.directory.search;

import java.util.List;

/**
 * One page of search results.
 *
 * @param query   the query as given
 * @param page    zero-based page number
 * @param size    page size asked for
 * @param hits    at most {@code size} hits, ordered by name key then address
 * @param hasMore whether a next page exists
 */
public record SearchPage(String query, int page, int size, List<SearchHit> hits, boolean hasMore) {

    public SearchPage {
        hits = List.copyOf(hits);
    }
}
