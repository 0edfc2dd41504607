// The add-in's pure logic without a guard: recipients, labels, applying choices, settings layers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatRecipient, parseRecipient, plainName } from '../src/lib/addresses.js';
import { applyChoices, withTicket } from '../src/lib/apply.js';
import { canConfirm } from '../src/lib/cards.js';
import { checkRequest } from '../src/lib/compose.js';
import { mergeSettings } from '../src/lib/settings.js';

test('recipients round-trip through Thunderbird\'s "Name <address>" form', () => {
  assert.deepEqual(parseRecipient('"Tanaka, Taro" <tanaka@aoba-shoji.co.jp>'),
    { name: 'Tanaka, Taro', address: 'tanaka@aoba-shoji.co.jp' });
  assert.deepEqual(parseRecipient('tanaka@aoba-shoji.co.jp'), { name: '', address: 'tanaka@aoba-shoji.co.jp' });
  assert.equal(formatRecipient({ name: 'Tanaka, Taro', address: 'a@b.jp' }), '"Tanaka, Taro" <a@b.jp>');
  assert.equal(plainName('田中 太郎 — あおば商事株式会社 営業部'), '田中 太郎');
});

test('choices replace an address, move external To/Cc to Bcc and drop directory labels', () => {
  const details = { to: ['田中 太郎 — あおば商事株式会社 営業部 <tanaka@aoba-shoji.com>'],
    cc: ['鈴木 健一 <k.suzuki@aoba-shoji.co.jp>', '田中 美咲 <tanaka.misaki@example.co.jp>'], bcc: [] };
  assert.deepEqual(applyChoices(details, { replace: { 'tanaka@aoba-shoji.com': 'tanaka@aoba-shoji.co.jp' },
    bcc: ['k.suzuki@aoba-shoji.co.jp'] }), {
    to: ['tanaka@aoba-shoji.co.jp'], cc: ['田中 美咲 <tanaka.misaki@example.co.jp>'],
    bcc: ['鈴木 健一 <k.suzuki@aoba-shoji.co.jp>'] });
  assert.deepEqual(applyChoices({ to: ['a@b.jp'], cc: [], bcc: [] }, {}), null, 'nothing to change');
  assert.deepEqual(applyChoices({ to: ['田中 太郎 — あおば商事株式会社 <t@a.jp>'] }, {}).to, ['田中 太郎 <t@a.jp>']);
});

test('the ticket header replaces an earlier one and is removed when there is no ticket', () => {
  const headers = [{ name: 'X-Other', value: '1' }, { name: 'X-Guard-Confirmation', value: 'old' }];
  assert.deepEqual(withTicket(headers, 'X-Guard-Confirmation', 'new'),
    [{ name: 'X-Other', value: '1' }, { name: 'X-Guard-Confirmation', value: 'new' }]);
  assert.deepEqual(withTicket(headers, 'X-Guard-Confirmation', null), [{ name: 'X-Other', value: '1' }]);
});

test('Send needs every tick; a blocking card only its replacement', () => {
  const model = { cards: [
    { address: 'a@x.jp', needsTick: true, blocking: false },
    { address: 'b@y.com', needsTick: true, blocking: true },
    { address: 'c@example.co.jp', needsTick: false, blocking: false }] };
  assert.equal(canConfirm(model, ['a@x.jp']), false);
  assert.equal(canConfirm(model, ['a@x.jp', 'b@y.com']), false, 'a look-alike cannot be ticked away');
  assert.equal(canConfirm(model, ['A@X.jp'], { replace: { 'b@y.com': 'b@y.co.jp' } }), true);
});

test('the check request carries the envelope, plain names, opening lines and attachment names', () => {
  const request = checkRequest({ from: '山田 太郎 <yamada.taro@example.co.jp>',
    to: ['田中 太郎 — あおば商事株式会社 営業部 <tanaka@aoba-shoji.co.jp>'], cc: [], bcc: ['x@example.co.jp'],
    subject: 'お見積り', isPlainText: false, body: '<p>あおば商事株式会社<br>田中様</p><blockquote>old</blockquote>' },
  ['見積書.pdf']);
  assert.deepEqual(request, { from: 'yamada.taro@example.co.jp',
    to: [{ name: '田中 太郎', address: 'tanaka@aoba-shoji.co.jp' }], cc: [], bcc: [{ name: '', address: 'x@example.co.jp' }],
    subject: 'お見積り', body: 'あおば商事株式会社\n田中様\n', attachments: ['見積書.pdf'] });
});

test('settings: policy beats the user, the user beats the package, unknown values fall back', () => {
  const { settings, fixed } = mergeSettings({ packaged: { guardUrl: 'http://pkg', tick: 'flagged' },
    managed: { guardUrl: 'https://guard.example.co.jp' }, local: { guardUrl: 'http://mine', offline: 'bogus' } });
  assert.equal(settings.guardUrl, 'https://guard.example.co.jp');
  assert.equal(settings.tick, 'flagged');
  assert.equal(settings.offline, 'ask');
  assert.deepEqual(fixed, ['guardUrl']);
});
