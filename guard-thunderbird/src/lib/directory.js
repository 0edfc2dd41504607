// The guard's directory as a Thunderbird address book (addressBooks.provider.onSearchRequest).
import { LABEL_SEPARATOR } from './addresses.js';

/** 「田中 一郎 — 株式会社あおば商事 営業部」: how an entry is offered in autocomplete. */
export function label(contact) {
  const where = [contact.organization, contact.department].filter(Boolean).join(' ');
  return where ? `${contact.name}${LABEL_SEPARATOR}${where}` : contact.name;
}

/**
 * One page of GET /api/v1/directory/search as the provider's answer: ContactProperties per address.
 * @param {object} page the guard's SearchPage JSON
 * @param {{labels: boolean}} options labels=false puts the bare name in DisplayName
 */
export function toSearchResult(page, { labels = true } = {}) {
  const hits = Array.isArray(page?.hits) ? page.hits : [];
  const results = hits.filter((h) => h && h.address).map((h) => ({
    DisplayName: labels ? label(h) : h.name,
    PrimaryEmail: h.address,
    Company: h.organization || '',
    Department: h.department || '',
    Notes: h.reading || '',
  }));
  return { isCompleteResult: !(page?.hasMore ?? false), results };
}
