/**
 * Text helpers shared by the directory's packages: Unicode normalization keys for names and
 * domains, and compact fingerprints of addresses seen during an import. Public only so that the
 * sibling packages can reach them; not part of the directory's API.
 */
package com.misdeliveryguard.directory.internal;
