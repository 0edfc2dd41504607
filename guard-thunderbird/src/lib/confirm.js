// The whole "confirm before sending" decision, free of Thunderbird APIs so that it runs under Node:
// check → dialog (or the test mode's automatic answer) → apply the chosen changes → check again when
// they changed the recipients → the ticket header. The background script supplies askUser and the guard.
import { applyChoices, withTicket } from './apply.js';
import { checkRequest } from './compose.js';
import { canConfirm, toDialogModel } from './cards.js';
import { GuardUnreachable } from './guard-client.js';

const MAX_ROUNDS = 3;

/** The test mode's answer: tick what needs a tick and send, unless a card blocks (a look-alike): then stop. */
export function automaticDecision(model) {
  const ticked = model.cards.filter((c) => c.needsTick).map((c) => c.address);
  if (!canConfirm(model, ticked)) {
    return { send: false, reason: 'blocked' };
  }
  return { send: true, ticked, choices: {} };
}

/**
 * @param {object} p
 * @param {object} p.details compose details at onBeforeSend
 * @param {string[]} p.attachments attachment file names
 * @param {object} p.settings see settings.js
 * @param {{check: Function}} p.guard the guard client
 * @param {(question: object) => Promise<object>} p.askUser shows the dialog: {model} or {offline, error};
 *        answers {send, ticked, choices: {replace, bcc}} (or {send} for the offline question)
 * @returns {Promise<{cancel: boolean, changes?: object, outcome: string, model?: object}>}
 */
export async function confirmBeforeSend({ details, attachments = [], settings, guard, askUser }) {
  const language = settings.language ?? 'ja';
  let current = { ...details };
  let shown = new Set();
  let changes = applyChoices(current, {}) ?? {};
  current = { ...current, ...changes };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let verdict;
    try {
      verdict = await guard.check(checkRequest(current, attachments));
    } catch (e) {
      return offline(e, settings, askUser, current, changes);
    }
    const model = toDialogModel(verdict, { tick: settings.tick, language });
    const unseen = model.shownFindings.filter((k) => !shown.has(k));
    if (round > 0 && unseen.length === 0 && model.ticket) {
      return send(current, changes, model, 'confirmed-after-changes');
    }
    // test modes: true answers here; 'dialog' shows the real dialog, which then answers itself
    const decision = settings.autoConfirm === true ? automaticDecision(model)
      : await askUser({ model, auto: settings.autoConfirm === 'dialog' });
    if (!decision?.send) {
      return { cancel: true, outcome: decision?.reason ?? 'back-to-editing', model };
    }
    model.shownFindings.forEach((k) => shown.add(k));
    const changed = applyChoices(current, decision.choices ?? {});
    if (!changed) {
      return send(current, changes, model, model.ticket ? 'confirmed' : 'sent-for-the-relay-to-hold');
    }
    current = { ...current, ...changed };
    changes = { ...changes, ...changed };
  }
  return { cancel: true, outcome: 'too-many-changes' };
}

function send(current, changes, model, outcome) {
  return {
    cancel: false, outcome, model,
    changes: { ...changes, customHeaders: withTicket(current.customHeaders, model.header, model.ticket) },
  };
}

async function offline(error, settings, askUser, current, changes) {
  const unreachable = error instanceof GuardUnreachable;
  const policy = settings.offline ?? 'ask';
  let sendAnyway;
  if (unreachable && policy === 'send') {
    sendAnyway = true;
  } else if (unreachable && policy === 'wait') {
    sendAnyway = false;
  } else {
    sendAnyway = !settings.autoConfirm && Boolean((await askUser({ offline: unreachable, error: error.message }))?.send);
  }
  if (!sendAnyway) {
    return { cancel: true, outcome: unreachable ? 'guard-unreachable-wait' : 'guard-refused', error: error.message };
  }
  return {
    cancel: false, outcome: 'guard-unreachable-sent',
    changes: { ...changes, customHeaders: withTicket(current.customHeaders, 'X-Guard-Confirmation', null) },
  };
}
