// The dashboard: a menu of sections, the charts of the selected one refreshed every update_every
// seconds, a Modules panel, a time range (live or a paused window), and a banner while the agent
// is unreachable.

import { api, Disconnected } from './api.js';
import { buildSections, setModules } from './sections.js';
import { ChartCard } from './chart-card.js';
import { ModulesPanel } from './modules.js';
import { ConnectionsPanel } from './connections.js';

const MODULES = 'modules';
const CONNECTIONS = 'connections';
const PANELS = new Set([MODULES, CONNECTIONS]);
const CHART_LIST_EVERY = 5; // ticks between chart list refreshes: new charts and dimensions appear
const MAX_BACKOFF_MS = 15000;

const $ = sel => document.querySelector(sel);

const state = {
  info: null,
  charts: new Map(),      // id -> chart description from /api/v1/charts
  sections: [],
  selected: decodeURIComponent(location.hash.slice(1)) || null,
  cards: new Map(),       // id -> ChartCard of the selected section
  range: 300,             // seconds shown while live
  live: true,
  window: null,           // [min, max] epoch seconds while paused
  connected: true,
  tick: 0,
  signature: null,
  timer: null,
  retryDelay: 1000,
};

const modules = new ModulesPanel($('#modules'), {
  onChanged: () => loadCharts().catch(gone),
  onGone: e => gone(e),
});
const connections = new ConnectionsPanel($('#connections'), { onGone: e => gone(e) });

// ---- connection ---------------------------------------------------------------------------------

function gone(error) {
  if (!(error instanceof Disconnected)) {
    console.warn('ebpfmon:', error);
    return;
  }
  if (!state.connected) return;
  state.connected = false;
  clearTimeout(state.timer);
  state.retryDelay = 1000;
  document.body.classList.add('offline');
  retryLater();
}

function retryLater() {
  const banner = $('#banner');
  let left = Math.round(state.retryDelay / 1000);
  const say = () => {
    banner.textContent = `Disconnected from the agent, retrying in ${left} s…`;
  };
  banner.hidden = false;
  say();
  const countdown = setInterval(() => { left = Math.max(0, left - 1); say(); }, 1000);
  state.timer = setTimeout(async () => {
    clearInterval(countdown);
    banner.textContent = 'Disconnected from the agent, retrying now…';
    try {
      await loadInfo();
      state.signature = null; // the agent may have restarted with other modules: rebuild the page
      await loadCharts();
      state.connected = true;
      banner.hidden = true;
      document.body.classList.remove('offline');
      schedule(0);
    } catch (e) {
      if (!(e instanceof Disconnected)) console.warn('ebpfmon:', e);
      state.retryDelay = Math.min(MAX_BACKOFF_MS, state.retryDelay * 2);
      retryLater();
    }
  }, state.retryDelay);
}

// ---- loading ------------------------------------------------------------------------------------

async function loadInfo() {
  const info = await api.info();
  state.info = info;
  setModules(info.modules);
  $('#host').textContent = info.hostname || '';
  $('#version').textContent = info.version ? `v${info.version}` : '';
  document.title = `ebpfmon · ${info.hostname || ''}`;
  for (const b of document.querySelectorAll('.range button')) {
    b.disabled = info.history != null && Number(b.dataset.range) > info.history;
  }
}

async function loadCharts() {
  const answer = await api.charts();
  state.charts = new Map(Object.entries(answer.charts || {}).map(([id, c]) => [id, { id, ...c }]));
  // Rebuild the page only when something shown changed: a chart, its title, units or dimensions.
  const signature = JSON.stringify([...state.charts.values()].map(c =>
    [c.id, c.title, c.units, c.priority, c.chart_type, Object.keys(c.dimensions || {})]));
  if (signature === state.signature) return;
  state.signature = signature;
  state.sections = buildSections([...state.charts.values()]);
  renderMenu();
  renderSection();
}

// ---- menu and sections --------------------------------------------------------------------------

function renderMenu() {
  const menu = $('#menu');
  const items = state.sections.map(s => menuItem(s.key, s.title, s.charts.length));
  const agent = document.createElement('h2');
  agent.textContent = 'Agent';
  const charts = document.createElement('h2');
  charts.textContent = 'Charts';
  menu.replaceChildren(charts, ...items, agent, menuItem(MODULES, 'Modules', null),
    menuItem(CONNECTIONS, 'Connections', null));
  if (!state.sections.length) {
    const none = document.createElement('p');
    none.className = 'muted';
    none.textContent = 'No charts yet';
    items.length || charts.after(none);
  }
}

function menuItem(key, title, count) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'menu-item';
  b.dataset.section = key;
  b.textContent = title;
  if (count != null) {
    const n = document.createElement('span');
    n.className = 'count';
    n.textContent = count;
    n.setAttribute('aria-label', `${count} charts`);
    b.append(n);
  }
  b.addEventListener('click', () => select(key));
  return b;
}

function select(key) {
  state.selected = key;
  history.replaceState(null, '', `#${encodeURIComponent(key)}`);
  renderSection();
  $('#content').scrollTop = 0;
  if (state.connected) schedule(0);
}

function currentSection() {
  if (PANELS.has(state.selected)) return null;
  return state.sections.find(s => s.key === state.selected) || null;
}

function renderSection() {
  if (!PANELS.has(state.selected) && !currentSection()) state.selected = state.sections[0]?.key ?? MODULES;
  for (const b of document.querySelectorAll('.menu-item')) {
    if (b.dataset.section === state.selected) b.setAttribute('aria-current', 'page');
    else b.removeAttribute('aria-current');
  }
  const showModules = state.selected === MODULES;
  const showConnections = state.selected === CONNECTIONS;
  $('#modules').hidden = !showModules;
  $('#connections').hidden = !showConnections;
  $('#charts').hidden = showModules || showConnections;
  if (showConnections) {
    $('#section-title').textContent = 'Connections';
    $('#section-note').textContent = 'Live network connections (the socket module\'s network viewer), busiest first.';
    dropCards(new Set());
    connections.refresh();
    return;
  }
  if (showModules) {
    $('#section-title').textContent = 'Modules';
    $('#section-note').textContent = 'How each eBPF module runs on this kernel, or why it does not.';
    dropCards(new Set());
    modules.refresh();
    return;
  }
  const section = currentSection();
  $('#section-title').textContent = section.title;
  $('#section-note').textContent = `${section.charts.length} chart${section.charts.length === 1 ? '' : 's'}`
    + (state.info ? ` · every ${state.info.update_every} s` : '');
  const keep = new Set(section.charts.map(c => c.id));
  dropCards(keep);
  const container = $('#charts');
  const nodes = [];
  for (const group of section.groups) {
    if (group.name) {
      const h = document.createElement('h2');
      h.className = 'group';
      h.textContent = group.name;
      nodes.push(h);
    }
    const grid = document.createElement('div');
    grid.className = 'grid';
    for (const chart of group.charts) {
      let card = state.cards.get(chart.id);
      if (!card) {
        card = new ChartCard(chart, { onSelect: pauseAt, onReset: goLive, onVisible: fetchNow });
        state.cards.set(chart.id, card);
      } else {
        card.describe(chart);
      }
      grid.append(card.root);
    }
    nodes.push(grid);
  }
  container.replaceChildren(...nodes);
}

function dropCards(keep) {
  for (const [id, card] of state.cards) {
    if (!keep.has(id)) {
      card.destroy();
      state.cards.delete(id);
    }
  }
}

// ---- time range ---------------------------------------------------------------------------------

function xRange() {
  if (!state.live && state.window) return state.window;
  const now = Math.floor(Date.now() / 1000);
  return [now - state.range, now];
}

function pauseAt(min, max) {
  state.live = false;
  state.window = [min, max];
  renderControls();
  for (const card of state.cards.values()) card.setRange(state.window);
}

function goLive() {
  state.live = true;
  state.window = null;
  renderControls();
  schedule(0);
}

function renderControls() {
  for (const b of document.querySelectorAll('.range button')) {
    b.setAttribute('aria-pressed', String(state.live && Number(b.dataset.range) === state.range));
  }
  const live = $('#live');
  live.setAttribute('aria-pressed', String(state.live));
  $('#live-label').textContent = state.live ? 'Live' : 'Paused';
  live.classList.toggle('paused', !state.live);
}

for (const b of document.querySelectorAll('.range button')) {
  b.addEventListener('click', () => {
    state.range = Number(b.dataset.range);
    goLive();
  });
}

$('#live').addEventListener('click', () => {
  if (state.live) {
    pauseAt(...xRange());
  } else {
    goLive();
  }
});

// ---- the tick -----------------------------------------------------------------------------------

function schedule(delay) {
  clearTimeout(state.timer);
  state.timer = setTimeout(tick, delay);
}

async function tick() {
  const every = (state.info?.update_every || 1) * 1000;
  try {
    if (state.tick++ % CHART_LIST_EVERY === 0) await loadCharts();
    if (state.selected === MODULES && state.tick % CHART_LIST_EVERY === 0) await modules.refresh();
    if (state.selected === CONNECTIONS) await connections.refresh();
    if (state.live) await refreshCharts(null);
    $('#clock').textContent = new Date().toLocaleTimeString('en-GB', { hourCycle: 'h23' });
  } catch (e) {
    gone(e);
  }
  if (state.connected) schedule(every - (Date.now() % every) + 50);
}

function fetchNow(card) {
  if (!state.connected || (!state.live && card.raw)) return;
  refreshCharts([card]).catch(gone);
}

async function refreshCharts(only) {
  const range = state.range;
  const cards = only ? only.map(c => [c.chart.id, c]) : [...state.cards.entries()].filter(([, c]) => c.visible);
  const points = card => Math.max(30, Math.min(range, Math.floor(card.canvas.clientWidth || 600)));
  const answers = await Promise.allSettled(cards.map(([id, card]) => api.data(id, range, points(card))));
  const x = xRange();
  answers.forEach((a, i) => {
    const card = cards[i][1];
    if (a.status === 'fulfilled') card.show(a.value, x);
    else if (a.reason instanceof Disconnected) throw a.reason;
    else card.showError(`No data: ${a.reason.message}`);
  });
}

// ---- start --------------------------------------------------------------------------------------

renderControls();
(async () => {
  try {
    await loadInfo();
    schedule(0);
  } catch (e) {
    state.connected = true; // so gone() takes the disconnected path once
    gone(e instanceof Disconnected ? e : new Disconnected(e.message));
  }
})();
