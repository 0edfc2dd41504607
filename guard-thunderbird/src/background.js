// Wires the plain modules to Thunderbird: the directory address book, the check before sending and
// the dialog window. Everything that decides lives in lib/ and is tested under Node.
import { confirmBeforeSend } from './lib/confirm.js';
import { toSearchResult } from './lib/directory.js';
import { createGuardClient } from './lib/guard-client.js';
import { mergeSettings } from './lib/settings.js';

async function loadSettings() {
  let packaged = {};
  try {
    packaged = await (await fetch(messenger.runtime.getURL('defaults.json'))).json();
  } catch {
    // no defaults.json in this package
  }
  let managed = {};
  try {
    managed = await messenger.storage.managed.get();
  } catch {
    // no enterprise policy for this add-in
  }
  const local = await messenger.storage.local.get();
  const { settings } = mergeSettings({ packaged, managed, local });
  settings.language = messenger.i18n.getUILanguage().toLowerCase().startsWith('ja') ? 'ja' : 'en';
  return settings;
}

function guardFor(settings) {
  return createGuardClient({
    url: settings.guardUrl, username: settings.username, password: settings.password, timeoutMs: settings.timeoutMs,
  });
}

messenger.addressBooks.provider.onSearchRequest.addListener(async (node, searchString) => {
  const settings = await loadSettings();
  if (!searchString || searchString.trim().length < 1 || !settings.guardUrl) {
    return { isCompleteResult: true, results: [] };
  }
  try {
    return toSearchResult(await guardFor(settings).search(searchString.trim()), { labels: settings.labels });
  } catch (e) {
    console.warn('Misdelivery Guard: directory search failed', e);
    return { isCompleteResult: false, results: [] };
  }
}, { addressBookName: messenger.i18n.getMessage('addressBookName'), id: 'misdelivery-guard-directory',
  isSecure: true });

// One open dialog per compose tab: its question, and the function that receives its answer.
const dialogs = new Map();
let nextDialog = 1;

async function askUser(question) {
  const id = nextDialog++;
  const answered = new Promise((resolve) => dialogs.set(id, { question, resolve }));
  const window = await messenger.windows.create({
    type: 'popup', url: messenger.runtime.getURL(`src/dialog/dialog.html?id=${id}`), width: 720, height: 760,
    allowScriptsToClose: true,
  });
  const closed = (windowId) => {
    if (windowId === window.id && dialogs.has(id)) {
      dialogs.get(id).resolve({ send: false });
    }
  };
  messenger.windows.onRemoved.addListener(closed);
  try {
    return await answered;
  } finally {
    dialogs.delete(id);
    messenger.windows.onRemoved.removeListener(closed);
  }
}

messenger.runtime.onMessage.addListener((message) => {
  const dialog = dialogs.get(message?.dialog);
  if (!dialog) {
    return undefined;
  }
  if (message.type === 'question') {
    return Promise.resolve(dialog.question);
  }
  if (message.type === 'answer') {
    dialog.resolve(message.answer);
    return Promise.resolve(true);
  }
  return undefined;
});

messenger.compose.onBeforeSend.addListener(async (tab, details) => {
  const settings = await loadSettings();
  const attachments = (await messenger.compose.listAttachments(tab.id)).map((a) => a.name);
  const result = await confirmBeforeSend({ details, attachments, settings, guard: guardFor(settings), askUser });
  console.info('Misdelivery Guard:', result.outcome);
  if (result.cancel) {
    return { cancel: true };
  }
  await messenger.compose.setComposeDetails(tab.id, result.changes);
  return {};
});
