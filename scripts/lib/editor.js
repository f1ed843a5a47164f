'use strict';
// Driving n8n's editor (2.40.x) with playwright-core, for scripts/ui.js. Selectors are n8n's own
// data-test-id attributes (the ones its Playwright suite uses); node types come from what the editor
// itself loads (/types/nodes.json).

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Collects console errors, page errors and failed requests. `allowed(url, status, ctx)` says which
 * failures are expected; those land in `.allowed`, the rest in `.errors` (of `into`, when given, so
 * several pages share one record).
 */
function watchErrors(page, { origin, allowed, into, allowedConsole = () => false }) {
  const w = into || { errors: [], allowed: [], loggedIn: false };
  const seen = new Map(); // url → true (allowed) / false
  const judge = (url, status) => {
    const ok = allowed(url, status, { origin, loggedIn: w.loggedIn });
    seen.set(url, ok);
    (ok ? w.allowed : w.errors).push(`${status} ${url}`);
  };
  page.on('response', (r) => { if (r.status() >= 400) judge(r.url(), r.status()); });
  page.on('requestfailed', (r) => {
    const why = (r.failure() && r.failure().errorText) || 'failed';
    if (why === 'net::ERR_ABORTED') return; // navigation cancelled the request (e.g. leaving a page)
    judge(r.url(), why);
  });
  page.on('pageerror', (e) => {
    if (allowedConsole(`Error: ${e.message}`)) {
      w.allowed.push(`page error: ${e.message.split('\n')[0].slice(0, 120)}`);
      return;
    }
    w.errors.push(`page error: ${e.message}`);
  });
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = (m.location() && m.location().url) || '';
    if (/^Failed to load resource/.test(m.text()) && seen.has(url)) return; // judged as a request above
    if (allowedConsole(m.text())) {
      w.allowed.push(`console: ${m.text().split('\n')[0].slice(0, 120)}`);
      return;
    }
    w.errors.push(`console error: ${m.text().slice(0, 300)}${url ? ` (${url})` : ''}`);
  });
  page.on('dialog', (d) => d.accept().catch(() => {})); // "leave page?" when moving on without saving
  return w;
}

async function signIn(page, baseUrl, { email, password }) {
  await page.goto(`${baseUrl}/signin`, { waitUntil: 'commit', timeout: 60000 });
  await page.waitForSelector('#emailOrLdapLoginId', { timeout: 90000 });
  await page.fill('#emailOrLdapLoginId', email);
  await page.fill('#password', password);
  await page.click('[data-test-id=form-submit-button]');
  await page.waitForURL((u) => !u.pathname.includes('signin'), { timeout: 60000 });
}

/**
 * Opens a workflow. In a tab that already shows the editor this is an in-app navigation (n8n's own Vue
 * router): a full page load costs a minute of CPU on a loaded machine, a route change a second or two.
 * Done when the canvas shows exactly `nodeNames` (the workflow's nodes). `reload`: a full page load.
 */
async function openWorkflow(page, baseUrl, id, nodeNames = [], { reload = false } = {}) {
  const path = `/workflow/${id}`;
  await page.keyboard.press('Escape').catch(() => {}); // an open NDV or panel of the previous workflow
  const pushed = !reload && await page.evaluate((to) => {
    const app = document.querySelector('#app');
    const router = app && app.__vue_app__ && app.__vue_app__.config.globalProperties.$router;
    if (!router) return false;
    router.push(to).catch(() => {});
    return true;
  }, path).catch(() => false);
  if (!pushed) await page.goto(`${baseUrl}${path}`, { waitUntil: 'commit', timeout: 60000 });
  try {
    await page.waitForFunction(([to, names]) => {
      if (window.location.pathname !== to) {
        // n8n asks before leaving unsaved changes: leave without saving (the next node starts clean).
        const leave = [...document.querySelectorAll('button')].find((b) => /leave without saving/i.test(b.textContent));
        if (leave) leave.click();
        return false;
      }
      if (document.querySelector('[data-test-id=ndv] [data-test-id=node-parameters]')) return false;
      const shown = [...document.querySelectorAll('[data-test-id=canvas-node]')].map((n) => n.getAttribute('data-node-name'));
      return shown.length === names.length && names.every((n) => shown.includes(n)) && document.querySelector('[data-test-id=canvas-handle-plus], [data-test-id=canvas-node]');
    }, [path, nodeNames], { timeout: 120000, polling: 250 });
  } catch (e) {
    const shown = await page.evaluate(() => [window.location.pathname, ...[...document.querySelectorAll('[data-test-id=canvas-node]')].map((n) => n.getAttribute('data-node-name'))]).catch(() => []);
    throw new Error(`workflow ${id} did not open (at ${shown.join(', ')}; want ${nodeNames.join(', ')}): ${e.message.split('\n')[0]}`);
  }
}

function padVersion(v) {
  const last = Array.isArray(v) ? v[v.length - 1] : v;
  return String(last).split('.').concat(['0', '0']).slice(0, 3).join('.');
}

function resources(t) {
  const p = t.properties.find((x) => x.name === 'resource');
  return p ? p.options : [{ name: '', value: undefined }];
}

/** Every operation as { resource, value, name, action, description }. */
function operations(t) {
  return t.properties.filter((x) => x.name === 'operation').flatMap((p) => {
    const rs = (p.displayOptions && p.displayOptions.show && p.displayOptions.show.resource) || [undefined];
    // The editor adds "Custom API Call" (__CUSTOM_API_CALL__) to nodes with credentials: not ours.
    return rs.flatMap((resource) => p.options.filter((o) => o.value !== '__CUSTOM_API_CALL__').map((o) => ({ resource, ...o })));
  });
}

function checkOperations(t) {
  const bad = [];
  for (const o of operations(t)) {
    if (!o.action) bad.push(`${o.resource} → ${o.name}: no action`);
    if (!o.description) bad.push(`${o.resource} → ${o.name}: no description line in the Operation dropdown`);
    if (/\be mail\b/i.test(`${o.action} ${o.description}`)) bad.push(`${o.resource} → ${o.name}: says "e mail"`);
  }
  if (bad.length) throw new Error(bad.join('\n'));
  return `${operations(t).length} operations`;
}

/** Required fields (at any depth) without a description. */
function checkRequired(t) {
  const bad = [];
  let count = 0;
  const walk = (props, where) => {
    for (const p of props || []) {
      if (!p || typeof p !== 'object') continue;
      if (p.required && p.type !== 'notice' && p.name !== 'resource' && p.name !== 'operation') {
        count += 1;
        if (!p.description && !p.hint) {
          const show = p.displayOptions && p.displayOptions.show && p.displayOptions.show.operation;
          bad.push(`${where}${p.displayName} (${p.name})${show ? ` in ${show.join('/')}` : ''}`);
        }
      }
      if (Array.isArray(p.options) && p.options.some((o) => o && (o.type || o.values))) {
        for (const o of p.options) walk(o.values ? o.values : [o], `${where}${p.displayName} › `);
      }
      if (Array.isArray(p.values)) walk(p.values, `${where}${p.displayName} › `);
    }
  };
  walk(t.properties, '');
  if (bad.length) throw new Error(`required without a description: ${bad.join('; ')}`);
  return `${count} required fields`;
}

/** Loads the node's light and dark icon in the page as images (must decode to a non-empty picture). */
async function checkIcons(page, t) {
  const urls = typeof t.iconUrl === 'string' ? [t.iconUrl] : Object.values(t.iconUrl || {});
  if (!urls.length) throw new Error(`no iconUrl (icon: ${JSON.stringify(t.icon)})`);
  const res = await page.evaluate(async (list) => Promise.all(list.map((u) => new Promise((resolve) => {
    const img = new Image();
    img.onload = () => resolve({ u, w: img.naturalWidth, h: img.naturalHeight });
    img.onerror = () => resolve({ u, w: 0, h: 0, error: true });
    img.src = `/${u.replace(/^\//, '')}`;
  }))), urls);
  const bad = res.filter((r) => r.error || !r.w || !r.h);
  if (bad.length) throw new Error(`icon does not load: ${bad.map((b) => b.u).join(', ')}`);
  return `${res.length} icons`;
}

const SEARCH_INPUT = 'input[data-test-id=node-creator-search-bar], [data-test-id=node-creator-search-bar] input';

async function openPanel(page) {
  if (await page.locator(SEARCH_INPUT).isVisible().catch(() => false)) return;
  await page.locator('[data-test-id=canvas-handle-plus]').last().click();
  await page.locator(SEARCH_INPUT).waitFor({ timeout: 30000 });
}

async function closePanel(page) {
  await page.keyboard.press('Escape');
  await sleep(200);
}

/*
 * The node panel shows one view at a time. Moving to another one (search results → a node's actions)
 * slides the new view in while the old one slides out: for the length of that transition (a second and
 * more on a loaded machine) both views are in the DOM, the old one first. What is read or clicked must
 * come from the view that stays, once it is alone.
 */
const VIEW = '[data-test-id=node-creator] aside';
const SETTLED_VIEW = `${VIEW}:not([class*="-enter-"]):not([class*="-leave-"])`;
const exactly = (text) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

/**
 * Runs in the page: null while the panel is not down to one view at rest; else the names that view
 * lists, or with `prefix` the names of its action items whose id starts with it (a node's own actions).
 */
function viewItemsInPage([sel, prefix]) {
  const views = document.querySelectorAll(sel);
  if (views.length !== 1 || /-(enter|leave)-/.test(views[0].className)) return null;
  if (!prefix) return [...views[0].querySelectorAll('[data-test-id=node-creator-item-name]')].map((el) => el.textContent.trim());
  const items = [...views[0].querySelectorAll('[data-test-id=item-iterator-item][data-keyboard-nav-type=action]')]
    .filter((el) => (el.getAttribute('data-keyboard-nav-id') || '').startsWith(prefix));
  return items.length ? items.map((el) => el.querySelector('[data-test-id=node-creator-item-name]').textContent.trim()) : null;
}

/** Types `term` into the node panel's search and returns the names listed (top level). */
async function search(page, term) {
  await openPanel(page);
  const input = page.locator(SEARCH_INPUT);
  await input.fill('');
  await input.fill(term);
  // The panel filters on each keystroke: done when two reads of the view at rest, 150 ms apart, agree.
  let last = null;
  for (let i = 0; i < 40; i += 1) {
    await sleep(150);
    const now = await page.evaluate(viewItemsInPage, [VIEW, null]);
    if (now && last && now.join('|') === last.join('|') && i > 1) return now;
    last = now;
  }
  throw new Error(`the node panel's list for "${term}" did not settle (last read: ${last ? last.join(', ') : 'two views sliding'})`);
}

/**
 * Adds a node the way a user does: searches the panel for its name, opens it, waits for its own view
 * (alone, listing actions of node type `type`), clicks `action` there and waits for the NDV. Returns the
 * actions listed.
 */
async function addNode(page, { name: type, displayName }, action) {
  await search(page, displayName);
  await page.locator(`${SETTLED_VIEW} [data-test-id=node-creator-item-name]`).filter({ hasText: exactly(displayName) }).first().click();
  let actions;
  try {
    actions = await (await page.waitForFunction(viewItemsInPage, [VIEW, `${type}-`], { timeout: 30000, polling: 100 })).jsonValue();
  } catch {
    const views = await page.evaluate((sel) => [...document.querySelectorAll(sel)].map((v) => `${v.className}: ${v.innerText.replace(/\s+/g, ' ').slice(0, 120)}`), VIEW).catch(() => []);
    throw new Error(`the node panel did not settle on ${displayName}'s actions (views: ${views.join(' | ') || 'none'})`);
  }
  if (!actions.includes(action)) throw new Error(`"${action}" is not in ${displayName}'s action list (${actions.join('; ')})`);
  await page.locator(`${SETTLED_VIEW} [data-test-id=item-iterator-item][data-keyboard-nav-type=action]`)
    .filter({ has: page.locator('[data-test-id=node-creator-item-name]', { hasText: exactly(action) }) }).first().click();
  await page.waitForSelector('[data-test-id=ndv] [data-test-id=node-parameters]', { timeout: 60000 });
  return actions;
}

/** Waits until the NDV's dropdown `param` shows `name` (throws naming what it shows). */
async function expectShown(page, param, name) {
  const sel = `[data-test-id=ndv] [data-test-id=parameter-input-${param}] input`;
  try {
    await page.waitForFunction(([s, n]) => { const el = document.querySelector(s); return el && el.value === n; }, [sel, name], { timeout: 30000 });
  } catch {
    const shown = await page.locator(sel).first().inputValue().catch(() => 'nothing');
    throw new Error(`the NDV's ${param} shows "${shown}" (want "${name}")`);
  }
}

/**
 * Picks an option of a dropdown parameter by its visible text (name + description line). Finding and
 * clicking happen in one round trip to the page; nothing is clicked when the option is already shown.
 */
async function selectOption(page, param, option) {
  const sel = `[data-test-id=ndv] [data-test-id=parameter-input-${param}]`;
  const field = page.locator(sel);
  const shownNow = await field.locator('input').first().inputValue().catch(() => '');
  if (shownNow === option.name) return;
  await field.click();
  const want = `${option.name}${option.description || ''}`.replace(/\s+/g, '');
  const res = await (await page.waitForFunction((w) => {
    const items = [...document.querySelectorAll('.el-select-dropdown__item')].filter((el) => el.offsetParent !== null);
    if (!items.length) return null;
    const hit = items.find((el) => el.textContent.replace(/\s+/g, '') === w);
    if (!hit) return { texts: items.map((el) => el.textContent.trim()) };
    hit.click();
    return { ok: true };
  }, want, { timeout: 30000 })).jsonValue();
  if (!res.ok) throw new Error(`${param} "${option.name}" not in the dropdown (${res.texts.join(' | ')})`);
  try {
    await page.waitForFunction(([s, name]) => {
      const el = document.querySelector(`${s} input`);
      return el && el.value === name;
    }, [sel, option.name], { timeout: 30000 });
  } catch {
    const shown = await field.locator('input').first().inputValue().catch(() => '');
    throw new Error(`${param} shows "${shown}" after choosing "${option.name}"`);
  }
}

/**
 * Opens the visible "From list" resource locators in order; each must list at least one item (the
 * first is picked: a list further down may depend on it, e.g. Constant Contact's track → event).
 * Locators named in `seen` were checked before: when every visible one was, none is opened again.
 */
async function openLocators(page, seen = new Set()) {
  const visible = await page.evaluate(() => [...document.querySelectorAll('[data-test-id=ndv] [data-test-id^=resource-locator-]')]
    .filter((el) => /^resource-locator-[A-Za-z]/.test(el.getAttribute('data-test-id')) && el.offsetParent !== null)
    .map((el) => {
      const mode = el.querySelector('[data-test-id=rlc-mode-selector] input');
      return { id: el.getAttribute('data-test-id'), mode: mode ? mode.value : '' };
    })
    .filter((x) => !x.mode || x.mode === 'From list'));
  if (visible.every((v) => seen.has(v.id))) return [];
  const found = [];
  for (const { id } of visible) {
    const name = id.slice('resource-locator-'.length);
    await page.locator(`[data-test-id=ndv] [data-test-id=${id}] [data-test-id=rlc-input]`).first().click();
    const item = page.locator('[data-test-id=rlc-item]:visible');
    try {
      await item.first().waitFor({ timeout: 30000 });
    } catch {
      const text = await page.locator('[data-test-id=rlc-search]:visible').locator('xpath=../../..').innerText().catch(() => '');
      throw new Error(`"From list" of ${name} lists nothing${text ? `: ${text.replace(/\s+/g, ' ').slice(0, 200)}` : ''}`);
    }
    found.push({ name, items: await item.count() });
    seen.add(id);
    await item.first().click();
    await item.first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
  }
  return found;
}

/** Clicks "Execute step" and waits for the output panel to show "N items"; returns that text. */
async function execute(page) {
  const out = page.locator('[data-test-id=ndv] [data-test-id=output-panel]');
  // A second click when the first run's result never reaches the panel: n8n 2.40 now and then loses
  // a very short manual run ("No active execution found" in its log) and the panel stays empty.
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    await page.locator('[data-test-id=ndv] [data-test-id=node-execute-button]').click();
    try {
      await page.waitForFunction(() => {
        const el = document.querySelector('[data-test-id=ndv] [data-test-id=output-panel]');
        return el && /\b[1-9]\d* items?\b/.test(el.innerText);
      }, null, { timeout: 45000 });
      return `${(await out.innerText()).match(/\b[1-9]\d* items?\b/)[0]}${attempt > 1 ? ' (second click)' : ''}`;
    } catch { /* try once more */ }
  }
  throw new Error(`output panel shows no items: ${(await out.innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 300)}`);
}

/** Opens the selected credential's form from the node, screenshots it, closes it; returns the field count. */
async function openCredential(page, file) {
  await page.locator('[data-test-id=ndv] [data-test-id=credential-edit-button]').click();
  const modal = page.locator('[data-test-id=editCredential-modal]');
  await modal.waitFor({ timeout: 30000 });
  await page.locator('[data-test-id=editCredential-modal] [data-test-id^=parameter-input-]').first().waitFor({ timeout: 30000 });
  await sleep(300);
  const fields = await modal.locator('[data-test-id=credential-connection-parameter]').count();
  if (file) await shot(modal, file);
  await page.keyboard.press('Escape');
  await sleep(200);
  return fields;
}

async function shot(target, file) {
  await target.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
}

module.exports = {
  watchErrors, signIn, openWorkflow, padVersion, resources, operations, checkOperations, checkRequired,
  checkIcons, search, closePanel, addNode, expectShown, selectOption, openLocators, execute, openCredential, shot,
};

/** Opens a node of the open workflow in the NDV (double-click on the canvas). */
async function openNode(page, name) {
  const node = page.locator(`[data-test-id=canvas-node][data-node-name="${name.replace(/"/g, '\\"')}"]`).first();
  await node.dblclick();
  await page.waitForSelector('[data-test-id=ndv] [data-test-id=node-parameters]', { timeout: 60000 });
}

/** The canvas's "Execute workflow" button: its text (it names the trigger it starts from) and a click. */
async function runWorkflowButton(page, { click = true } = {}) {
  const btn = page.locator('[data-test-id=execute-workflow-button]').first();
  await btn.waitFor({ timeout: 60000 });
  const text = (await btn.innerText()).replace(/\s+/g, ' ').trim();
  if (click) await btn.click();
  return text;
}

module.exports.openNode = openNode;
module.exports.runWorkflowButton = runWorkflowButton;
