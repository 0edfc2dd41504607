// Options: what the user may set; keys fixed by enterprise policy (managed storage) are shown read-only.
import { mergeSettings } from '../lib/settings.js';

const t = (key) => messenger.i18n.getMessage(key) || key;
const FIELDS = ['guardUrl', 'username', 'password', 'tick', 'offline'];

async function main() {
  for (const node of document.querySelectorAll('[data-i18n]')) {
    node.textContent = t(node.dataset.i18n);
  }
  let managed = {};
  try {
    managed = await messenger.storage.managed.get();
  } catch {
    // no policy
  }
  const local = await messenger.storage.local.get(FIELDS);
  const { settings, fixed } = mergeSettings({ managed, local });
  const form = document.getElementById('options');
  for (const name of FIELDS) {
    const input = form.elements[name];
    input.value = settings[name] ?? '';
    if (fixed.includes(name)) {
      input.disabled = true;
      input.insertAdjacentElement('afterend', Object.assign(document.createElement('span'),
        { className: 'fixed', textContent: ` ${t('optionsFixed')}` }));
    }
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = {};
    for (const name of FIELDS.filter((n) => !fixed.includes(n))) {
      values[name] = form.elements[name].value.trim();
    }
    await messenger.storage.local.set(values);
    document.getElementById('status').textContent = t('optionsSaved');
  });
}

main();
