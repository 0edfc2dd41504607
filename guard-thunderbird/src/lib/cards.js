// A verdict of POST /api/v1/check → what the confirmation dialog shows: one card per recipient,
// the findings with their suggestions, which recipients need a tick, and what blocks a confirmation.
import { addressKey } from './addresses.js';

/** Rules whose suggestion is "send the external recipients as Bcc". */
const BCC_RULES = new Set(['multiple-external-orgs', 'many-visible-external']);
/** Evidence keys that hold a whole suggested address. */
const ADDRESS_EVIDENCE = ['suggestedAddress', 'usualAddress', 'colleague', 'usualRecipient', 'suggestion'];

const ACTIONABLE = new Set(['medium', 'high', 'critical']);

export function actionable(finding) {
  return ACTIONABLE.has(finding.severity);
}

/** The address a finding suggests instead of its recipient, if any. */
export function suggestedAddress(finding) {
  const evidence = finding.evidence || {};
  for (const key of ADDRESS_EVIDENCE) {
    if (typeof evidence[key] === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(evidence[key])) {
      return evidence[key];
    }
  }
  const domain = evidence.didYouMean || evidence.knownDomain;
  if (finding.recipient && typeof domain === 'string' && /^[^@\s]+\.[^@\s]+$/.test(domain)) {
    return `${finding.recipient.split('@')[0]}@${domain}`;
  }
  return null;
}

/**
 * @param {object} verdict the check API's answer
 * @param {{tick: 'all-external'|'flagged', language: 'ja'|'en'}} options
 */
export function toDialogModel(verdict, { tick = 'all-external', language = 'ja' } = {}) {
  const uncoverable = new Set(verdict.confirmation?.uncoverable ?? []);
  const text = (f) => (language === 'ja' ? f.ja : f.en) || f.en || f.ja || f.rule;
  const findings = (verdict.findings ?? []).filter(actionable);
  const byRecipient = new Map();
  for (const f of findings) {
    if (f.recipient) {
      const key = addressKey(f.recipient);
      byRecipient.set(key, [...(byRecipient.get(key) ?? []), f]);
    }
  }
  const cards = (verdict.recipients ?? []).map((r) => {
    const own = byRecipient.get(addressKey(r.address)) ?? [];
    const flagged = own.length > 0;
    const suggestions = own.map((f) => suggestedAddress(f)).filter(Boolean)
      .filter((a, i, all) => all.indexOf(a) === i && addressKey(a) !== addressKey(r.address))
      .map((to) => ({ kind: 'replace', from: r.address, to }));
    return {
      address: r.address,
      name: r.name || r.displayName || '',
      organization: r.organization || '',
      department: r.department || '',
      internal: Boolean(r.internal),
      role: r.role || 'to',
      known: r.directoryStatus === 'known-contact',
      flagged,
      blocking: own.some((f) => uncoverable.has(f.rule)),
      needsTick: flagged || (tick === 'all-external' && !r.internal),
      findings: own.map((f) => ({ rule: f.rule, severity: f.severity, text: text(f) })),
      suggestions,
    };
  });
  const messageFindings = findings.filter((f) => !f.recipient)
    .map((f) => ({ rule: f.rule, severity: f.severity, text: text(f) }));
  const visibleExternal = cards.filter((c) => !c.internal && c.role !== 'bcc').map((c) => c.address);
  const bcc = findings.some((f) => BCC_RULES.has(f.rule)) && visibleExternal.length > 0
    ? [{ kind: 'bcc', addresses: visibleExternal }] : [];
  return {
    action: verdict.action,
    ticket: verdict.confirmation?.ticket ?? null,
    header: verdict.confirmation?.header ?? 'X-Guard-Confirmation',
    uncoverable: [...uncoverable],
    cards,
    messageFindings,
    suggestions: bcc,
    shownFindings: findings.map(findingKey).sort(),
  };
}

/** How a finding is compared between two checks ("the dialog showed this already"). */
export function findingKey(f) {
  return `${f.rule}|${addressKey(f.recipient || '')}`;
}

/**
 * Whether the user may press Send in the dialog: every card that needs a tick is ticked or replaced by
 * a suggestion, and no blocking card (a look-alike) is left unreplaced. Replacements are checked again
 * before sending.
 * @param {Iterable<string>} ticked addresses ticked
 * @param {{replace?: Object<string,string>}} choices chosen replacements (from → to)
 */
export function canConfirm(model, ticked, choices = {}) {
  const ticks = new Set([...ticked].map(addressKey));
  const replaced = new Set(Object.keys(choices.replace ?? {}).map(addressKey));
  return model.cards.every((c) => replaced.has(addressKey(c.address))
    || (!c.blocking && (!c.needsTick || ticks.has(addressKey(c.address)))));
}
