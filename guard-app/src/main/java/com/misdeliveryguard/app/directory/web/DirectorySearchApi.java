package com.misdeliveryguard.app.directory.web;

import com.misdeliveryguard.directory.search.JdbcDirectorySearch;
import com.misdeliveryguard.directory.search.SearchPage;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/v1/directory/search?q=&page=&size=}: contacts by name, reading, address or
 * organization, paged, as JSON — for address pickers of mail-client add-ins. Signed-in users only.
 */
@RestController
class DirectorySearchApi {

    private final JdbcDirectorySearch search;

    DirectorySearchApi(JdbcDirectorySearch search) {
        this.search = search;
    }

    @GetMapping("/api/v1/directory/search")
    SearchPage search(@RequestParam(name = "q", defaultValue = "") String query,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || size < 1 || size > 100 || query.length() > 200) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "page must be >= 0, size 1..100, q at most 200 characters");
        }
        return search.search(query, page, size);
    }
}
