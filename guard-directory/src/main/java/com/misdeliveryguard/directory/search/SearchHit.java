package com.misdeliveryguard.directory.search;

/**
 * One person found by a search, as an address picker shows it.
 *
 * @param address      the contact's primary address
 * @param name         display name, empty when unknown
 * @param reading      reading (kana), empty when unknown
 * @param organization organization name, empty when unknown
 * @param department   department, empty when unknown
 */
public record SearchHit(String address, String name, String reading, String organization, String department) {
}
