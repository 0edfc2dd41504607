// Recipients as Thunderbird's compose API gives them ("Name <addr>" strings) and back.

/** Splits `"田中 一郎" <tanaka@aoba-shoji.co.jp>` or a bare address into { name, address }. */
export function parseRecipient(text) {
  const value = String(text).trim();
  const angle = value.match(/^(.*)<([^<>]+)>\s*$/);
  if (!angle) {
    return { name: '', address: value };
  }
  let name = angle[1].trim();
  if (name.startsWith('"') && name.endsWith('"') && name.length >= 2) {
    name = name.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return { name, address: angle[2].trim() };
}

/** The string form Thunderbird accepts in setComposeDetails; names with specials are quoted. */
export function formatRecipient({ name, address }) {
  if (!name) {
    return address;
  }
  const quoted = /[",.;:<>@()[\]\\]/.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : name;
  return `${quoted} <${address}>`;
}

/** Lower-case comparison key of an address (the guard compares domains and, by default, local parts ignoring case). */
export function addressKey(address) {
  return String(address).trim().toLowerCase();
}

/** The separator our directory labels use between the person and the organization (see directory.js). */
export const LABEL_SEPARATOR = ' — ';

/** A display name without the " — organization department" label the directory address book adds. */
export function plainName(name) {
  const at = name.indexOf(LABEL_SEPARATOR);
  return at < 0 ? name : name.slice(0, at).trim();
}
