// What the dialog's choices do to the message: replaced addresses, external recipients moved to Bcc,
// the directory labels taken out of display names, and the ticket header.
import { addressKey, formatRecipient, parseRecipient, plainName } from './addresses.js';

function list(value) {
  return (Array.isArray(value) ? value : value ? [value] : []).filter((r) => typeof r === 'string');
}

/**
 * The recipient fields after the choices, or null when nothing changes.
 * @param {{to,cc,bcc}} details current compose details (strings "Name <addr>")
 * @param {{replace?: Object<string,string>, bcc?: string[]}} choices replace: from → to; bcc: addresses to move
 */
export function applyChoices(details, choices = {}) {
  const replace = new Map(Object.entries(choices.replace ?? {}).map(([from, to]) => [addressKey(from), to]));
  const toBcc = new Set((choices.bcc ?? []).map(addressKey));
  const out = { to: [], cc: [], bcc: [] };
  let changed = false;
  for (const field of ['to', 'cc', 'bcc']) {
    for (const text of list(details[field])) {
      const parsed = parseRecipient(text);
      const name = plainName(parsed.name);
      let { address } = parsed;
      if (replace.has(addressKey(address))) {
        address = replace.get(addressKey(address));
        changed = true;
      }
      const target = field !== 'bcc' && toBcc.has(addressKey(parsed.address)) ? 'bcc' : field;
      changed ||= target !== field || name !== parsed.name;
      const recipient = formatRecipient({ name: replace.has(addressKey(parsed.address)) ? '' : name, address });
      if (!out[target].some((r) => addressKey(parseRecipient(r).address) === addressKey(address))) {
        out[target].push(recipient);
      }
    }
  }
  return changed ? out : null;
}

/** customHeaders with the ticket set (an earlier ticket replaced), or without any when ticket is null. */
export function withTicket(customHeaders, header, ticket) {
  const others = (customHeaders ?? []).filter((h) => h.name.toLowerCase() !== header.toLowerCase());
  return ticket ? [...others, { name: header, value: ticket }] : others;
}
