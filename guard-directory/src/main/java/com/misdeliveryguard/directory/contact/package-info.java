/**
 * Contacts: people with an address, a name and its reading, an organization and a department.
 * {@link com.misdeliveryguard.directory.contact.ContactAddresses} turns what people type
 * ({@code ｔａｎａｋａ＠ａｏｂａ．ｃｏ．ｊｐ}, Unicode domains, {@code <mailto:…>}) into the strict core
 * {@link com.misdeliveryguard.core.mail.MailAddress} and gives the key under which addresses are
 * compared (local part case-insensitive). {@link com.misdeliveryguard.directory.contact.PersonName}
 * keys names so that width, spacing and katakana/hiragana do not matter.
 */
package com.misdeliveryguard.directory.contact;
