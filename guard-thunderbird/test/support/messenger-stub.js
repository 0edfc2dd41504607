// A stand-in for Thunderbird's `messenger` API on the dialog page, loaded before the page's module.
// i18n reads the add-in's own _locales; runtime.sendMessage answers the dialog's question with a model
// built by the add-in's modules from a REAL check against the guard (URL and case in the query string),
// and keeps the dialog's answer in window.__answer.
(() => {
  const params = new URLSearchParams(location.search);
  const lang = params.get('lang') || 'ja';
  const request = new XMLHttpRequest();
  request.open('GET', `/_locales/${lang}/messages.json`, false);
  request.send();
  const messages = JSON.parse(request.responseText);
  window.__answer = null;
  window.close = () => { window.__closed = true; };
  window.messenger = {
    i18n: {
      getUILanguage: () => lang,
      getMessage(key, subs = []) {
        const entry = messages[key];
        if (!entry) return '';
        let text = entry.message;
        for (const [name, p] of Object.entries(entry.placeholders || {})) {
          const index = Number(p.content.slice(1)) - 1;
          text = text.split(`$${name.toUpperCase()}$`).join([].concat(subs)[index] ?? '');
        }
        return text;
      },
    },
    runtime: {
      async sendMessage(message) {
        if (message.type === 'question') {
          const [{ createGuardClient }, { checkRequest }, { toDialogModel }] = await Promise.all([
            import('/src/lib/guard-client.js'), import('/src/lib/compose.js'), import('/src/lib/cards.js')]);
          const guard = createGuardClient({ url: params.get('guard'), username: params.get('user'),
            password: params.get('password') });
          const details = JSON.parse(params.get('details'));
          try {
            const verdict = await guard.check(checkRequest(details));
            return { model: toDialogModel(verdict, { tick: params.get('tick') || 'all-external', language: lang }) };
          } catch (e) {
            return { offline: true, error: e.message }; // what the background script asks when the guard is down
          }
        }
        window.__answer = message.answer;
        return true;
      },
    },
  };
})();
