/**
 * Helpers of the importer: compact fingerprints of the addresses one import has seen. Public only
 * so that the sibling packages can reach them; not part of the directory's API.
 */
package com.misdeliveryguard.directory.internal;
