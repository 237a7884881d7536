// The agent's JSON API. Two kinds of failure matter to the page: the agent is gone (network error,
// or a proxy in front of it answering 502/503/504) and the agent said no (any other non-2xx).

/** The agent cannot be reached: the page shows the banner and retries. */
export class Disconnected extends Error {}

/** The agent answered with an error status; message is its {"error": ".."} text when it sent one. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const GONE = new Set([502, 503, 504]);

async function request(path, options = {}) {
  let res;
  try {
    res = await fetch(path, { cache: 'no-store', ...options });
  } catch (e) {
    throw new Disconnected(e.message);
  }
  if (GONE.has(res.status)) throw new Disconnected(`HTTP ${res.status}`);
  let body = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON: an error page or an empty body; the status says enough.
  }
  if (!res.ok) throw new ApiError(res.status, (body && body.error) || res.statusText || `HTTP ${res.status}`);
  return body;
}

export const api = {
  info: () => request('api/v1/info'),
  charts: () => request('api/v1/charts'),
  data: (chart, after, points) =>
    request(`api/v1/data?chart=${encodeURIComponent(chart)}&after=${-after}&before=0&points=${points}`),
  modules: () => request('api/v1/modules'),
  connections: () => request('api/v1/connections'),
  setModule: (name, enabled, token) => {
    const headers = token ? { Authorization: `Bearer ${token}` } : {};
    return request(`api/v1/modules/${encodeURIComponent(name)}?enabled=${enabled}`, { method: 'POST', headers });
  },
};
