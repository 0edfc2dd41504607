// End to end with Debian's real Thunderbird, headless: a fresh profile whose outgoing server is the
// guard, the add-in installed (packaged with test settings: guard URL, CLIENT account, autoConfirm)
// and a driver extension that searches the address book, composes and presses Send through the
// MailExtension API. A message to a directory contact reaches the upstream (the demo outbox) with a
// ticket the relay honoured; one to a look-alike domain is stopped by the add-in before sending.
// Skips with a message when Thunderbird is not installed or cannot start here.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { build, zip } from '../scripts/build-xpi.mjs';
import { eventually, freePort, guardJar, startGuard } from './support/guard.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const THUNDERBIRD = process.env.THUNDERBIRD ?? '/usr/bin/thunderbird';
const ADDIN_ID = JSON.parse(readFileSync(join(here, '..', 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
const DRIVER_ID = 'guard-e2e-driver@misdeliveryguard.example';

function thunderbirdMissing() {
  if (!existsSync(THUNDERBIRD)) return `Thunderbird is not installed (${THUNDERBIRD}); ./test installs Debian's thunderbird`;
  const version = spawnSync(THUNDERBIRD, ['--headless', '--version'], { encoding: 'utf8', timeout: 60_000 });
  return version.status === 0 ? false : `Thunderbird cannot start here: ${version.stderr || version.error}`;
}

const skip = !guardJar() ? 'guard-app jar not built (mvn package first)' : thunderbirdMissing();

function prefs({ smtpPort }) {
  const p = {
    'mail.accountmanager.accounts': 'account1,account2',
    'mail.accountmanager.defaultaccount': 'account1',
    'mail.accountmanager.localfoldersserver': 'server2',
    'mail.account.account1.identities': 'id1',
    'mail.account.account1.server': 'server1',
    'mail.account.account2.server': 'server2',
    'mail.server.server1.type': 'pop3', 'mail.server.server1.hostname': '127.0.0.1', 'mail.server.server1.port': 1,
    'mail.server.server1.userName': 'yamada.taro', 'mail.server.server1.name': 'yamada.taro@example.co.jp',
    'mail.server.server1.login_at_startup': false, 'mail.server.server1.check_new_mail': false,
    'mail.server.server2.type': 'none', 'mail.server.server2.hostname': 'Local Folders',
    'mail.server.server2.userName': 'nobody', 'mail.server.server2.name': 'Local Folders',
    'mail.identity.id1.useremail': 'yamada.taro@example.co.jp', 'mail.identity.id1.fullName': '山田 太郎',
    'mail.identity.id1.valid': true, 'mail.identity.id1.smtpServer': 'smtp1', 'mail.identity.id1.fcc': false,
    'mail.identity.id1.compose_html': false, 'mail.identity.id1.attach_vcard': false,
    'mail.smtpservers': 'smtp1', 'mail.smtp.defaultserver': 'smtp1',
    'mail.smtpserver.smtp1.type': 'smtp', 'mail.smtpserver.smtp1.hostname': '127.0.0.1',
    'mail.smtpserver.smtp1.port': smtpPort, 'mail.smtpserver.smtp1.authMethod': 1, 'mail.smtpserver.smtp1.try_ssl': 0,
    'mail.smtpserver.smtp1.description': 'Misdelivery Guard',
    'extensions.autoDisableScopes': 0, 'extensions.enabledScopes': 15, 'xpinstall.signatures.required': false,
    'mail.shell.checkDefaultClient': false, 'mail.provider.suppress_dialog_on_startup': true,
    'mailnews.start_page.enabled': false, 'datareporting.policy.dataSubmissionEnabled': false,
    'mail.spellcheck.inline': false, 'mail.warn_on_send_accel_key': false, 'app.update.enabled': false,
    'mail.rights.version': 1, 'toolkit.telemetry.reportingpolicy.firstRun': false,
    'browser.dom.window.dump.enabled': true, 'devtools.console.stdout.chrome': true,
    'devtools.console.stdout.content': true, 'intl.locale.requested': 'ja',
  };
  return Object.entries(p).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n');
}

describe('Thunderbird (headless) with the add-in, sending through the guard', { skip, timeout: 300_000 }, () => {
  let guard;
  let thunderbird;
  let reports;
  let server;
  let output = '';
  const nonce = Date.now().toString(36);

  before(async () => {
    guard = await startGuard();
    reports = [];
    const reportPort = await freePort();
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        try { reports.push(JSON.parse(body)); } catch { /* ignore */ }
        res.writeHead(204, { 'Access-Control-Allow-Origin': '*' });
        res.end();
      });
    });
    await new Promise((ok) => server.listen(reportPort, '127.0.0.1', ok));

    const profile = mkdtempSync(join(tmpdir(), 'guard-thunderbird-profile-'));
    mkdirSync(join(profile, 'extensions'));
    writeFileSync(join(profile, 'user.js'), prefs({ smtpPort: guard.smtpPort }));
    build({ output: join(profile, 'extensions', `${ADDIN_ID}.xpi`),
      defaults: { guardUrl: guard.url, username: guard.username, password: guard.password, autoConfirm: 'dialog' } });
    const driverDir = join(here, 'thunderbird', 'driver');
    const driverConfig = {
      reportUrl: `http://127.0.0.1:${reportPort}/report`, startDelayMs: 8000, search: '田中',
      cases: [
        { name: 'directory-contact', to: ['田中 太郎 <tanaka@aoba-shoji.co.jp>'], subject: `お見積り E2E-OK-${nonce}`,
          body: 'あおば商事株式会社 営業部 田中様\n\nいつもお世話になっております。' },
        { name: 'new-address-at-known-org', to: ['e2e.person@aoba-shoji.co.jp'],
          subject: `ご挨拶 E2E-HELD-WITHOUT-TICKET-${nonce}`, body: 'はじめてご連絡いたします。' },
        { name: 'lookalike', to: ['田中 太郎 <tanaka@aoba-shoji.com>'], subject: `お見積り E2E-LOOKALIKE-${nonce}`,
          body: 'あおば商事株式会社 営業部 田中様\n\nいつもお世話になっております。' },
      ],
    };
    writeFileSync(join(profile, 'extensions', `${DRIVER_ID}.xpi`), zip([
      ...readdirSync(driverDir).map((f) => ({ name: f, data: readFileSync(join(driverDir, f)) })),
      { name: 'driver.json', data: Buffer.from(JSON.stringify(driverConfig)) }]));

    thunderbird = spawn(THUNDERBIRD, ['--headless', '--no-remote', '-profile', profile],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MOZ_HEADLESS: '1' } });
    process.once('exit', () => thunderbird.kill('SIGKILL'));
    thunderbird.stdout.on('data', (d) => { output += d; });
    thunderbird.stderr.on('data', (d) => { output += d; });
    await eventually(() => reports.some((r) => r.step === 'done') || thunderbird.exitCode !== null, Number(process.env.TB_WAIT_MS ?? 240_000),
      'the driver to finish').catch((e) => {
      const relevant = output.split('\n').filter((l) => /Misdelivery|moz-extension|JavaScript|Error/i.test(l));
      throw new Error(`${e.message}; reports ${JSON.stringify(reports)}\n${relevant.slice(-60).join('\n')}`);
    });
  });

  after(async () => {
    if (thunderbird && thunderbird.exitCode === null) {
      thunderbird.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 2000));
      if (thunderbird.exitCode === null) thunderbird.kill('SIGKILL');
    }
    server?.close();
    await guard?.stop();
  });

  const step = (name) => reports.find((r) => r.step === name);

  test('the directory address book answers a search in Thunderbird', () => {
    assert.equal(step('search')?.ok, true, JSON.stringify(step('search')));
    assert.ok(step('search').data.some((c) => c.includes('tanaka@aoba-shoji.co.jp')), JSON.stringify(step('search')));
  });

  test('a message to a directory contact arrives at the upstream, confirmed in the client', async () => {
    assert.equal(step('directory-contact')?.ok, true, JSON.stringify(reports));
    const eml = await eventually(() => guard.outbox().find((m) => m.includes('X-Guard-Confirmation: v1.')
      && m.startsWith('X-Envelope-From: <yamada.taro@example.co.jp>\r\nX-Envelope-To: <tanaka@aoba-shoji.co.jp>')),
    30_000, 'the message in the outbox');
    assert.match(eml, /User-Agent: Mozilla Thunderbird/);
    assert.match(await guard.decisionLog('recipient=tanaka@aoba-shoji.co.jp'), /Confirmed in the client by addin/);
  });

  test('a message the relay would hold (new address at a known company) is delivered on its ticket', async () => {
    assert.equal(step('new-address-at-known-org')?.ok, true, JSON.stringify(reports));
    await eventually(() => guard.outbox().some((m) => m.startsWith(
      'X-Envelope-From: <yamada.taro@example.co.jp>\r\nX-Envelope-To: <e2e.person@aoba-shoji.co.jp>')),
    30_000, 'the message in the outbox');
    const log = await guard.decisionLog('recipient=e2e.person@aoba-shoji.co.jp');
    assert.match(log, /Confirmed in the client by addin/);
    assert.match(log, /unknown-at-known-org/, 'the guard found what would hold it');
    assert.match(log, /"guardAction":"HOLD"|guardAction[^,}]*HOLD/, 'and delivered it instead of holding');
  });

  test('the confirmation dialog opened in Thunderbird for each message (test mode answers it)', () => {
    const shown = output.match(/Misdelivery Guard dialog \(test mode\): \d+ cards, pressing \w+/g) ?? [];
    assert.deepEqual(shown, ['Misdelivery Guard dialog (test mode): 1 cards, pressing send',
      'Misdelivery Guard dialog (test mode): 1 cards, pressing send',
      'Misdelivery Guard dialog (test mode): 1 cards, pressing back'], output.slice(-3000));
  });

  test('a message to a look-alike domain is stopped before sending', async () => {
    const lookalike = step('lookalike');
    assert.equal(lookalike?.ok, false, 'sendMessage must fail: the add-in cancelled the send');
    assert.match(lookalike.error, /onBeforeSend/);
    assert.equal(guard.outbox().some((m) => m.includes('aoba-shoji.com')), false, 'nothing reached the guard');
    assert.doesNotMatch(await guard.decisionLog(), /aoba-shoji\.com/);
  });
});
