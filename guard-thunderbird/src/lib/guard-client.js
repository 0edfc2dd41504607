// The guard's HTTP API as the add-in uses it: directory search and check. Plain fetch; no Thunderbird API.

/** The guard did not answer (network, timeout, 5xx): the offline policy decides what happens. */
export class GuardUnreachable extends Error {
  constructor(message, cause) {
    super(message);
    this.name = 'GuardUnreachable';
    this.cause = cause;
  }
}

/** The guard answered but refused (401/403/400): a configuration problem to show, never "send anyway". */
export class GuardRefused extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'GuardRefused';
    this.status = status;
  }
}

export function createGuardClient({ url, username, password, timeoutMs = 8000, fetchImpl = globalThis.fetch }) {
  if (!url) {
    throw new GuardRefused(0, 'the guard URL is not configured');
  }
  const base = url.replace(/\/+$/, '');
  const headers = { Accept: 'application/json' };
  if (username) {
    const bytes = new TextEncoder().encode(`${username}:${password ?? ''}`);
    headers.Authorization = `Basic ${btoa(String.fromCharCode(...bytes))}`;
  }

  async function call(path, init = {}) {
    let response;
    try {
      response = await fetchImpl(base + path, {
        ...init, headers: { ...headers, ...(init.headers || {}) },
        signal: AbortSignal.timeout(timeoutMs), credentials: 'omit', cache: 'no-store',
      });
    } catch (e) {
      throw new GuardUnreachable(`guard unreachable: ${e.message}`, e);
    }
    if (response.status >= 500) {
      throw new GuardUnreachable(`guard answered ${response.status}`);
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new GuardRefused(response.status, `guard refused (${response.status}): ${text.slice(0, 300)}`);
    }
    return response.json();
  }

  return {
    /** GET /api/v1/directory/search?q= */
    search(query, size = 20) {
      return call(`/api/v1/directory/search?q=${encodeURIComponent(query)}&size=${size}`);
    },
    /** POST /api/v1/check with the JSON form (see checkRequest in compose.js). */
    check(request) {
      return call('/api/v1/check', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request),
      });
    },
  };
}
