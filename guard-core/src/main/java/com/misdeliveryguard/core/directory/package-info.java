/**
 * The directory as the rules see it (SPEC §4): the read port
 * {@link com.misdeliveryguard.core.directory.ContactDirectory} (who owns an address, which organization
 * owns a domain, which known domains an unknown one resembles), the learned-recipient port
 * {@link com.misdeliveryguard.core.directory.LearnedRecipients}, and the value types they return —
 * {@link com.misdeliveryguard.core.directory.Contact}, {@link com.misdeliveryguard.core.directory.PersonName},
 * {@link com.misdeliveryguard.core.directory.Organization}, {@link com.misdeliveryguard.core.directory.DomainName}, ….
 *
 * <p>The comparison keys are part of the port's contract and live here so that every implementation
 * and every rule normalizes alike: {@link com.misdeliveryguard.core.directory.ContactAddresses#key}
 * (local part case-insensitive), {@link com.misdeliveryguard.core.directory.TextKeys#nameKey} (NFKC, no
 * spaces, katakana folded to hiragana), {@link com.misdeliveryguard.core.directory.OrganizationName#keyOf}
 * (company-form words such as 株式会社, ㈱, Inc. dropped) and
 * {@link com.misdeliveryguard.core.directory.DomainKeys} (registrable label by the Public Suffix List, TR39
 * skeleton). {@code guard-directory} implements the ports over JDBC; nothing here does I/O.
 */
package com.misdeliveryguard.core.directory;
