// The confirmation dialog page in headless Chromium: a stubbed `messenger` API, the real guard behind
// it (the page calls the check API across origins, so the guard's CORS for the add-in's origin is
// exercised too). Screenshots in Japanese and English go to docs/screenshots/.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { freePort, guardJar, startGuard } from './support/guard.mjs';
import { serveAddin } from './support/static-server.mjs';
import { browserMissing, startBrowser } from './support/webdriver.mjs';

// npm test refreshes the committed screenshots; under Maven they go to target/ (the tree stays clean)
const screenshots = process.env.ADDIN_BUILD_DIR ? join(process.env.ADDIN_BUILD_DIR, 'screenshots')
  : resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots');
const skip = !guardJar() ? 'guard-app jar not built (mvn package first)' : browserMissing();

const DETAILS = {
  from: '山田 太郎 <yamada.taro@example.co.jp>',
  to: ['田中 太郎 <tanaka@aoba-shoji.com>'],
  cc: ['鈴木 健一 — あおば商事株式会社 営業部 <k.suzuki@aoba-shoji.co.jp>', '田中 一郎 <ichiro.tanaka@midori-bank.co.jp>'],
  bcc: ['田中 美咲 <tanaka.misaki@example.co.jp>'],
  subject: 'お見積りの件', isPlainText: true,
  plainTextBody: 'あおば商事株式会社 営業部 田中様\n\nいつもお世話になっております。',
};

describe('the confirmation dialog in headless Chromium', { skip }, () => {
  let guard;
  let server;
  let origin;
  let browser;

  before(async () => {
    const port = Number(process.env.ADDIN_PAGE_PORT) || await freePort();
    origin = `http://127.0.0.1:${port}`;
    server = await serveAddin(port);
    guard = await startGuard({ allowedOrigins: [origin] });
    assert.ok(guard.allowedOrigins.includes(origin), 'the guard sends CORS headers to the page');
    browser = await startBrowser();
  });

  after(async () => {
    await browser?.quit();
    server?.close();
    await guard?.stop();
  });

  const pageUrl = (lang, details = DETAILS) => `${origin}/src/dialog/dialog.html?id=1&lang=${lang}`
    + `&guard=${encodeURIComponent(guard.url)}&user=addin&password=${encodeURIComponent(guard.password)}`
    + `&details=${encodeURIComponent(JSON.stringify(details))}`;

  for (const lang of ['ja', 'en']) {
    test(`every recipient is a card; send only after every tick and the look-alike replaced (${lang})`, async () => {
      {
        await browser.open(pageUrl(lang));
        await browser.waitFor('return document.body.dataset.ready === "true"');
        const cards = await browser.script(`return [...document.querySelectorAll('.card')].map((c) => ({
          address: c.dataset.address, text: c.innerText, tick: !!c.querySelector('input[name=confirm]'),
          replace: c.querySelector('input[name=replace]')?.dataset.to ?? null }))`);
        assert.deepEqual(cards.map((c) => c.address), ['tanaka@aoba-shoji.com', 'k.suzuki@aoba-shoji.co.jp',
          'ichiro.tanaka@midori-bank.co.jp', 'tanaka.misaki@example.co.jp']);
        const [lookalike, suzuki, midori, misaki] = cards;
        assert.equal(lookalike.replace, 'tanaka@aoba-shoji.co.jp');
        assert.equal(lookalike.tick, false, 'a look-alike is never ticked in the client');
        assert.match(suzuki.text, /鈴木 健一/);
        assert.match(suzuki.text, /あおば商事株式会社 営業部/);
        assert.match(suzuki.text, lang === 'ja' ? /社外/ : /external/);
        assert.match(suzuki.text, lang === 'ja' ? /CC/ : /Cc/);
        assert.equal(suzuki.tick, true, 'every external recipient needs a tick');
        assert.equal(midori.tick, true);
        assert.match(misaki.text, lang === 'ja' ? /社内/ : /internal/);
        assert.match(misaki.text, lang === 'ja' ? /BCC/ : /Bcc/);
        assert.equal(misaki.tick, false, 'an internal recipient without findings needs no tick');
        const findings = await browser.script('return document.body.innerText');
        assert.match(findings, /aoba-shoji\.co\.jp/);
        assert.match(findings, lang === 'ja' ? /社外の宛先を BCC で送る/ : /Send external recipients as Bcc/,
          'two external organizations in To/Cc: the Bcc suggestion');

        writeShot(`thunderbird-dialog-${lang}.png`, await browser.screenshot());

        await browser.click('input[name=confirm][value="k.suzuki@aoba-shoji.co.jp"]');
        await browser.click('input[name=confirm][value="ichiro.tanaka@midori-bank.co.jp"]');
        assert.equal(await browser.script('return document.getElementById("send").dataset.held'), 'true',
          'with the look-alike unchanged, Send means: the guard holds it');
        await browser.click('input[name=replace]');
        assert.equal(await browser.script('return document.getElementById("send").disabled'), false);
        assert.equal(await browser.script('return document.getElementById("send").dataset.held'), 'false');
        await browser.click('#send');
        const answer = await browser.waitFor('return window.__answer');
        assert.deepEqual(answer, { send: true, ticked: ['k.suzuki@aoba-shoji.co.jp', 'ichiro.tanaka@midori-bank.co.jp'],
          choices: { replace: { 'tanaka@aoba-shoji.com': 'tanaka@aoba-shoji.co.jp' }, bcc: [] } });
      }
    });
  }

  test('guard unreachable: the dialog offers "send anyway" and "wait" (ja)', async () => {
    const down = `${origin}/src/dialog/dialog.html?id=1&lang=ja&guard=${encodeURIComponent('http://127.0.0.1:9')}`
      + `&user=addin&password=x&details=${encodeURIComponent(JSON.stringify(DETAILS))}`;
    await browser.open(down);
    await browser.waitFor('return document.body.dataset.ready === "true"');
    const view = await browser.script(`return { offline: !document.getElementById('offline').hidden,
      question: document.getElementById('question').hidden, send: document.getElementById('send').textContent,
      back: document.getElementById('back').textContent, text: document.body.innerText }`);
    assert.deepEqual([view.offline, view.question, view.send, view.back],
      [true, true, 'このまま送信', '待つ（送信しない）']);
    assert.match(view.text, /誤送信ガードに接続できません/);
    await browser.click('#send');
    assert.deepEqual(await browser.waitFor('return window.__answer'), { send: true });
  });

  test('Back to editing answers "do not send"', async () => {
    {
      await browser.open(pageUrl('en', { ...DETAILS, to: ['田中 太郎 <tanaka@aoba-shoji.co.jp>'] }));
      await browser.waitFor('return document.body.dataset.ready === "true"');
      assert.equal(await browser.script('return document.getElementById("send").disabled'), true,
        'nothing ticked yet');
      await browser.click('#back');
      assert.deepEqual(await browser.waitFor('return window.__answer'), { send: false });
    }
  });
});

function writeShot(name, png) {
  mkdirSync(screenshots, { recursive: true });
  writeFileSync(join(screenshots, name), png);
}
