// The add-in's logic against a running guard (the packaged jar): directory search as an address book,
// a verdict turned into cards, and tickets honoured or ignored by the relay over real SMTP.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { confirmBeforeSend } from '../src/lib/confirm.js';
import { toDialogModel } from '../src/lib/cards.js';
import { checkRequest } from '../src/lib/compose.js';
import { toSearchResult } from '../src/lib/directory.js';
import { createGuardClient } from '../src/lib/guard-client.js';
import { mergeSettings } from '../src/lib/settings.js';
import { eventually, guardJar, startGuard } from './support/guard.mjs';
import { message, sendMail } from './support/smtp.mjs';

const SENDER = 'yamada.taro@example.co.jp';
const skip = guardJar() ? false : 'guard-app jar not built (mvn package first)';

describe('the add-in against a running guard', { skip }, () => {
  let guard;
  let client;
  const settings = (extra = {}) => mergeSettings({ local: { guardUrl: guard.url, username: guard.username,
    password: guard.password, ...extra } }).settings;

  before(async () => {
    guard = await startGuard();
    client = createGuardClient({ url: guard.url, username: guard.username, password: guard.password });
  });

  after(async () => {
    await guard?.stop();
  });

  /** Submits what Thunderbird would send after onBeforeSend: the compose fields plus the changes. */
  async function submit(details, changes, extraRecipients = []) {
    const fields = { ...details, ...changes };
    const to = (fields.to ?? []).concat(fields.cc ?? [], fields.bcc ?? []).map((r) => r.match(/<([^>]+)>/)?.[1] ?? r);
    const headers = Object.fromEntries((fields.customHeaders ?? []).map((h) => [h.name, h.value]));
    const data = message({ from: `山田 太郎 <${SENDER}>`, to: fields.to ?? [], cc: fields.cc ?? [],
      subject: fields.subject, body: fields.plainTextBody, headers });
    const replies = await sendMail({ port: guard.smtpPort, from: SENDER, to: [...to, ...extraRecipients], data });
    assert.match(replies.at(-2), /^250 /, replies.join(''));
  }

  const delivered = (marker) => guard.outbox().some((eml) => eml.includes(`From: 山田 太郎 <${SENDER}>`)
    && eml.includes(Buffer.from(marker).toString('base64')));

  test('directory search offers 「田中 太郎 — あおば商事株式会社 営業部」', async () => {
    const page = await client.search('田中');
    const result = toSearchResult(page);
    const tanaka = result.results.find((r) => r.PrimaryEmail === 'tanaka@aoba-shoji.co.jp');
    assert.equal(tanaka?.DisplayName, '田中 太郎 — あおば商事株式会社 営業部');
    assert.equal(tanaka.Company, 'あおば商事株式会社');
    assert.ok(result.results.some((r) => r.PrimaryEmail === 'tanaka.misaki@example.co.jp'));
  });

  test('a verdict becomes one card per recipient, the look-alike blocking with its suggestion', async () => {
    const verdict = await client.check(checkRequest({
      from: `山田 太郎 <${SENDER}>`, to: ['田中 太郎 <tanaka@aoba-shoji.com>'],
      cc: ['鈴木 健一 — あおば商事株式会社 営業部 <k.suzuki@aoba-shoji.co.jp>', 'tanaka.misaki@example.co.jp'],
      subject: 'お見積りの件', plainTextBody: 'あおば商事株式会社 営業部 田中様\n\nお世話になっております。', isPlainText: true,
    }));
    const model = toDialogModel(verdict, { tick: 'all-external', language: 'en' });
    assert.equal(model.ticket, null);
    assert.deepEqual(model.uncoverable, ['lookalike-domain']);
    const [lookalike, suzuki, misaki] = model.cards;
    assert.equal(lookalike.address, 'tanaka@aoba-shoji.com');
    assert.equal(lookalike.blocking, true);
    assert.deepEqual(lookalike.suggestions, [{ kind: 'replace', from: 'tanaka@aoba-shoji.com',
      to: 'tanaka@aoba-shoji.co.jp' }]);
    assert.ok(lookalike.findings.some((f) => f.rule === 'lookalike-domain' && /aoba-shoji\.co\.jp/.test(f.text)));
    assert.deepEqual([suzuki.name, suzuki.organization, suzuki.department, suzuki.role, suzuki.internal,
      suzuki.needsTick], ['鈴木 健一', 'あおば商事株式会社', '営業部', 'cc', false, true]);
    assert.deepEqual([misaki.name, misaki.internal, misaki.needsTick], ['田中 美咲', true, false]);
    const flaggedOnly = toDialogModel(verdict, { tick: 'flagged' });
    assert.equal(flaggedOnly.cards[1].needsTick, false);
  });

  test('a confirmed ticket lets the relay deliver at once; the log names who confirmed', async () => {
    const details = { from: `山田 太郎 <${SENDER}>`, to: ['new.person@aoba-shoji.co.jp'], cc: [], bcc: [],
      subject: 'チケット受理 ticket-accepted', plainTextBody: 'お世話になっております。', isPlainText: true, customHeaders: [] };
    const asked = [];
    const result = await confirmBeforeSend({ details, settings: settings(), guard: client,
      askUser: async (q) => { asked.push(q); return { send: true, ticked: ['new.person@aoba-shoji.co.jp'] }; } });
    assert.equal(result.cancel, false);
    assert.equal(result.outcome, 'confirmed');
    assert.equal(asked[0].model.action, 'hold', 'without the ticket the relay would hold it');
    const header = result.changes.customHeaders.find((h) => h.name === 'X-Guard-Confirmation');
    assert.match(header.value, /^v1\./);

    await submit(details, result.changes);

    await eventually(() => delivered('チケット受理 ticket-accepted'), 30_000, 'delivery to the outbox');
    assert.match(await guard.decisionLog(), /Confirmed in the client by addin/);
  });

  test('a ticket is ignored when the recipients changed after the check: the relay holds', async () => {
    const details = { from: `山田 太郎 <${SENDER}>`, to: ['new.person@aoba-shoji.co.jp'], cc: [], bcc: [],
      subject: 'チケット拒否 ticket-rejected', plainTextBody: 'お世話になっております。', isPlainText: true, customHeaders: [] };
    const result = await confirmBeforeSend({ details, settings: settings({ autoConfirm: true }), guard: client,
      askUser: async () => assert.fail('the test mode never asks') });
    assert.equal(result.outcome, 'confirmed');

    await submit(details, result.changes, ['sato@aoba-shoji.co.jp']);

    await eventually(async () => (await guard.decisionLog()).includes('client-confirmation-ignored'), 30_000,
      'the ignored ticket in the decision log');
    await eventually(() => guard.outbox().some((eml) => eml.startsWith('X-Envelope-From: <>')), 30_000,
      'the hold notification');
    assert.equal(delivered('チケット拒否 ticket-rejected'), false, 'held, not delivered');
  });

  test('the test mode stops a look-alike before sending; the suggestion, once chosen, is checked again', async () => {
    const details = { from: `山田 太郎 <${SENDER}>`, to: ['田中 太郎 <tanaka@aoba-shoji.com>'], cc: [], bcc: [],
      subject: 'お見積りの件', plainTextBody: 'あおば商事株式会社 営業部 田中様', isPlainText: true, customHeaders: [] };
    const stopped = await confirmBeforeSend({ details, settings: settings({ autoConfirm: true }), guard: client,
      askUser: async () => assert.fail('the test mode never asks') });
    assert.deepEqual([stopped.cancel, stopped.outcome], [true, 'blocked']);

    const fixed = await confirmBeforeSend({ details, settings: settings(), guard: client,
      askUser: async () => ({ send: true, ticked: [], choices: { replace: { 'tanaka@aoba-shoji.com': 'tanaka@aoba-shoji.co.jp' } } }) });
    assert.equal(fixed.cancel, false);
    assert.equal(fixed.outcome, 'confirmed-after-changes');
    assert.deepEqual(fixed.changes.to, ['tanaka@aoba-shoji.co.jp']);
    assert.ok(fixed.changes.customHeaders.some((h) => h.name === 'X-Guard-Confirmation'));
  });

  test('guard unreachable: "wait" keeps the message, "send" lets the relay check it', async () => {
    const details = { from: SENDER, to: ['tanaka@aoba-shoji.co.jp'], subject: 'x', plainTextBody: '', isPlainText: true };
    const down = createGuardClient({ url: 'http://127.0.0.1:9', timeoutMs: 2000 });
    const wait = await confirmBeforeSend({ details, settings: settings({ offline: 'wait' }), guard: down,
      askUser: async () => assert.fail('wait never asks') });
    assert.deepEqual([wait.cancel, wait.outcome], [true, 'guard-unreachable-wait']);
    const send = await confirmBeforeSend({ details, settings: settings({ offline: 'send' }), guard: down,
      askUser: async () => assert.fail('send never asks') });
    assert.deepEqual([send.cancel, send.outcome], [false, 'guard-unreachable-sent']);
    const wrong = createGuardClient({ url: guard.url, username: 'addin', password: 'wrong' });
    const refused = await confirmBeforeSend({ details, settings: settings({ offline: 'send' }), guard: wrong,
      askUser: async () => ({ send: false }) });
    assert.deepEqual([refused.cancel, refused.outcome], [true, 'guard-refused']);
  });
});
