// Settings: built-in defaults < defaults.json shipped in the package (IT may repackage) < managed storage
// (Thunderbird enterprise policy "3rdparty") < what the user saved on the options page. A key set by
// policy cannot be overridden locally.

export const DEFAULTS = Object.freeze({
  guardUrl: '',
  username: '',
  password: '',
  tick: 'all-external', // or 'flagged': which recipients need a tick
  offline: 'ask', // 'ask' | 'send' | 'wait' when the guard cannot be reached
  labels: true, // autocomplete shows 「name — organization department」
  autoConfirm: false, // test modes (never for people): true = confirm without the dialog, 'dialog' = the dialog ticks and sends itself
  timeoutMs: 8000,
});

const KEYS = Object.keys(DEFAULTS);

function pick(source) {
  const out = {};
  for (const key of KEYS) {
    if (source && source[key] !== undefined && source[key] !== null && source[key] !== '') {
      out[key] = source[key];
    }
  }
  return out;
}

/** Merges the layers; returns the settings and which keys the policy fixed. */
export function mergeSettings({ packaged = {}, managed = {}, local = {} } = {}) {
  const fixed = Object.keys(pick(managed));
  const settings = { ...DEFAULTS, ...pick(packaged), ...pick(local), ...pick(managed) };
  if (!['all-external', 'flagged'].includes(settings.tick)) settings.tick = DEFAULTS.tick;
  if (!['ask', 'send', 'wait'].includes(settings.offline)) settings.offline = DEFAULTS.offline;
  if (![true, false, 'dialog'].includes(settings.autoConfirm)) settings.autoConfirm = false;
  return { settings, fixed };
}
