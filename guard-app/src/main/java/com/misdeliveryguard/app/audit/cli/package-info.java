/**
 * The jar's command-line mode {@code verify-audit}: verifies a JSONL export of the decision log
 * without starting the application.
 */
package com.misdeliveryguard.app.audit.cli;
