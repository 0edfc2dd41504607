package com.misdeliveryguard.directory.importer;

import java.util.List;
import java.util.Objects;

/**
 * One contact as a reader found it, unchecked: the import validates and normalizes it (or reports
 * the line). Blank and {@code null} strings mean "not given".
 *
 * @param line          where the row starts (0 when the source has no lines)
 * @param locator       where in a line-less source the row is (an LDAP entry's DN), else ""
 * @param addresses     the addresses in the order the source lists them; the first is the primary
 * @param name          the written full name
 * @param family        the family name, when the source has it separately
 * @param given         the given name, likewise
 * @param reading       the reading (kana) of the full name
 * @param readingFamily the reading of the family name
 * @param readingGiven  the reading of the given name
 * @param organization  the organization's name
 * @param department    the department
 */
public record RawContact(long line, String locator, List<String> addresses, String name, String family, String given, String reading,
        String readingFamily, String readingGiven, String organization, String department) {

    public RawContact {
        locator = blankToEmpty(locator);
        addresses = addresses.stream().filter(Objects::nonNull).map(String::strip).filter(s -> !s.isEmpty()).toList();
        name = blankToEmpty(name);
        family = blankToEmpty(family);
        given = blankToEmpty(given);
        reading = blankToEmpty(reading);
        readingFamily = blankToEmpty(readingFamily);
        readingGiven = blankToEmpty(readingGiven);
        organization = blankToEmpty(organization);
        department = blankToEmpty(department);
    }

    private static String blankToEmpty(String text) {
        return text == null ? "" : text.strip();
    }
}
