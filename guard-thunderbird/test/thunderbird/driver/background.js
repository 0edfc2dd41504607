// Test driver (never shipped): what a user does in Thunderbird — search the address book, compose,
// press Send — done through the MailExtension API; each outcome is POSTed to the test's HTTP server.
(async () => {
  const config = await (await fetch(messenger.runtime.getURL('driver.json'))).json();
  const report = (r) => fetch(config.reportUrl, { method: 'POST', body: JSON.stringify(r) }).catch(() => {});
  await report({ step: 'started' });
  await new Promise((r) => setTimeout(r, config.startDelayMs));
  try {
    const found = await messenger.contacts.quickSearch({ searchString: config.search, includeLocal: false,
      includeRemote: true });
    await report({ step: 'search', ok: true, data: found.map((c) => c.properties?.PrimaryEmail
      ? `${c.properties.DisplayName} <${c.properties.PrimaryEmail}>` : (c.vCard || '').replace(/\r?\n/g, ' | ')) });
  } catch (e) {
    await report({ step: 'search', ok: false, error: String(e) });
  }
  for (const c of config.cases) {
    try {
      const tab = await messenger.compose.beginNew({ to: c.to, subject: c.subject, plainTextBody: c.body,
        isPlainText: true });
      await messenger.compose.sendMessage(tab.id, { mode: 'sendNow' });
      await report({ step: c.name, ok: true });
    } catch (e) {
      await report({ step: c.name, ok: false, error: String(e?.message ?? e) });
    }
  }
  await report({ step: 'done' });
})();
