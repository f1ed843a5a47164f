'use strict';
// The "physical limit" of a scenario: a plain Node script (global fetch, no n8n) that does the same
// work against the same emulator, with the same latency and API limit, as directly as the API allows.
// A limited API is met at exactly its rate (the floor any client can reach without 429s); a 429 is
// waited out (Retry-After, else 1 s) and the request repeated, so the script never loses work.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Spaces request starts `1000 / perSecond` ms apart (a 2 % margin keeps a sliding window happy); 0 = no pace. */
function pacer(perSecond) {
  if (!perSecond) return async () => {};
  const gap = (1000 / perSecond) * 1.02;
  let next = 0;
  return async () => {
    const now = Date.now();
    const at = Math.max(now, next);
    next = at + gap;
    if (at > now) await sleep(at - now);
  };
}

/** A client for one scenario: `call(url, init)` → parsed JSON body, paced and repeated on 429. */
function client({ headers = {}, perSecond = 0 } = {}) {
  const pace = pacer(perSecond);
  const stats = { requests: 0, status429: 0 };
  async function call(url, { method = 'GET', body } = {}) {
    for (let attempt = 1; ; attempt++) {
      await pace();
      stats.requests++;
      const res = await fetch(url, {
        method,
        headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status === 429 && attempt < 20) {
        stats.status429++;
        await sleep(1000 * (Number(res.headers.get('retry-after')) || 1));
        continue;
      }
      if (res.status >= 400) throw new Error(`${method} ${url} → ${res.status}: ${text.slice(0, 200)}`);
      return text ? JSON.parse(text) : null;
    }
  }
  return { call, stats };
}

/** Runs `worker` over `inputs` with `concurrency` in flight; results in input order. */
async function pool(inputs, concurrency, worker) {
  const out = new Array(inputs.length);
  let next = 0;
  const lane = async () => {
    while (next < inputs.length) {
      const i = next++;
      out[i] = await worker(inputs[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, inputs.length)) }, lane));
  return out;
}

/** limit/offset pages one after another until a short page (no total to plan by). */
async function offsetPages(call, urlOf, pageSize, itemsOf) {
  let n = 0;
  for (let offset = 0; ; offset += pageSize) {
    const items = itemsOf(await call(urlOf(offset)));
    n += items.length;
    if (items.length < pageSize) return n;
  }
}

module.exports = { client, pool, offsetPages, sleep };
