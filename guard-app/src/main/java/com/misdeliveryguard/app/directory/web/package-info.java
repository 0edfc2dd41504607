/**
 * The directory on the web: the JSON search for address pickers ({@code /api/v1/directory/search})
 * and the admin page to search the directory and import a file with its report ({@code /admin/directory}).
 */
package com.misdeliveryguard.app.directory.web;
