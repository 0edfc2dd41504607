// The confirmation dialog: one card per recipient, findings and suggestions, one tick per recipient
// that needs it, Send / Back to editing. Talks to the background script only through messenger.runtime.
import { canConfirm } from '../lib/cards.js';

const t = (key, subs) => messenger.i18n.getMessage(key, subs) || key;
const id = Number(new URLSearchParams(location.search).get('id'));

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('data-')) node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function answer(value) {
  await messenger.runtime.sendMessage({ dialog: id, type: 'answer', answer: value });
  window.close();
}

function card(c) {
  const role = { to: 'roleTo', cc: 'roleCc', bcc: 'roleBcc' }[c.role] ?? 'roleTo';
  const box = el('article', { class: `card${c.flagged ? ' flagged' : ''}${c.blocking ? ' blocking' : ''}`,
    'data-address': c.address });
  box.append(el('header', {},
    el('span', { class: 'badge role' }, t(role)),
    el('span', { class: 'name' }, c.name || c.address),
    el('span', { class: 'org' }, [c.organization, c.department].filter(Boolean).join(' ')),
    el('span', { class: `badge ${c.internal ? 'internal' : 'external'}` }, t(c.internal ? 'internal' : 'external')),
    ...(c.known ? [] : [el('span', { class: 'badge unknown' }, t('unknownContact'))])));
  box.append(el('div', { class: 'address' }, c.address));
  for (const f of c.findings) {
    box.append(el('p', { class: 'finding', 'data-rule': f.rule }, `⚠ ${f.text}`));
  }
  for (const s of c.suggestions) {
    box.append(el('label', { class: 'suggestion' },
      el('input', { type: 'checkbox', name: 'replace', value: c.address, 'data-to': s.to }), ' ',
      t('suggestionReplace', [s.to])));
  }
  if (c.blocking) {
    box.append(el('p', { class: 'note' }, t('blockingNote')));
  } else if (c.needsTick) {
    box.append(el('label', { class: 'tick' }, el('input', { type: 'checkbox', name: 'confirm', value: c.address }),
      ' ', t('confirmTick')));
  }
  return box;
}

function choices() {
  const replace = {};
  for (const box of document.querySelectorAll('input[name=replace]:checked')) {
    replace[box.value] = box.dataset.to;
  }
  const bcc = document.querySelector('input[name=bcc]:checked');
  return { replace, bcc: bcc ? JSON.parse(bcc.dataset.addresses) : [] };
}

function showModel(model) {
  document.getElementById('question').hidden = false;
  const list = document.getElementById('recipients');
  model.cards.forEach((c) => list.append(card(c)));
  if (model.messageFindings.length) {
    document.getElementById('message-findings').hidden = false;
    const ul = document.getElementById('message-finding-list');
    model.messageFindings.forEach((f) => ul.append(el('li', { class: 'finding', 'data-rule': f.rule }, `⚠ ${f.text}`)));
  }
  for (const s of model.suggestions) {
    document.getElementById('message-suggestions').append(el('label', { class: 'suggestion' },
      el('input', { type: 'checkbox', name: 'bcc', id: 'bcc', 'data-addresses': JSON.stringify(s.addresses) }), ' ',
      t('suggestionBcc')));
  }
  const send = document.getElementById('send');
  const blockedAsIs = model.cards.some((c) => c.blocking);
  const refresh = () => {
    const ticked = [...document.querySelectorAll('input[name=confirm]:checked')].map((b) => b.value);
    const chosen = choices();
    const ok = canConfirm(model, ticked, chosen);
    const unresolvedBlock = model.cards.some((c) => c.blocking && !chosen.replace[c.address]);
    const othersTicked = canConfirm({ cards: model.cards.filter((c) => !c.blocking) }, ticked, chosen);
    send.disabled = !(ok || (blockedAsIs && unresolvedBlock && othersTicked));
    send.textContent = t(unresolvedBlock ? 'sendHeld' : 'send');
    send.dataset.held = String(unresolvedBlock);
  };
  document.addEventListener('change', refresh);
  refresh();
  send.addEventListener('click', () => {
    const ticked = [...document.querySelectorAll('input[name=confirm]:checked')].map((b) => b.value);
    answer({ send: true, ticked, choices: choices() });
  });
}

function showOffline(question) {
  document.getElementById('offline').hidden = false;
  document.getElementById('offline-error').textContent = question.error ?? '';
  const send = document.getElementById('send');
  send.disabled = false;
  send.textContent = t('sendAnyway');
  document.getElementById('back').textContent = t('wait');
  send.addEventListener('click', () => answer({ send: true }));
}

/** Test mode 'dialog': tick every box that needs it and send, unless Send would leave a look-alike as is. */
function answerAutomatically() {
  document.querySelectorAll('input[name=confirm]').forEach((box) => { box.checked = true; });
  document.dispatchEvent(new Event('change'));
  const send = document.getElementById('send');
  const button = !send.disabled && send.dataset.held !== 'true' ? 'send' : 'back';
  console.info(`Misdelivery Guard dialog (test mode): ${document.querySelectorAll('.card').length} cards, pressing ${button}`);
  document.getElementById(button).click();
}

async function main() {
  document.documentElement.lang = messenger.i18n.getUILanguage();
  for (const node of document.querySelectorAll('[data-i18n]')) {
    node.textContent = t(node.dataset.i18n);
  }
  document.title = t('dialogTitle');
  document.getElementById('back').addEventListener('click', () => answer({ send: false }));
  const question = await messenger.runtime.sendMessage({ dialog: id, type: 'question' });
  if (question?.model) {
    showModel(question.model);
  } else {
    showOffline(question ?? {});
  }
  document.body.dataset.ready = 'true';
  if (question?.auto) {
    answerAutomatically();
  }
}

main();
