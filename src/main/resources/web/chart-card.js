// One chart on the page: a card with title, context, units, a uPlot canvas and a legend that shows
// the latest value of each dimension (or the value under the cursor while hovering).

const COLORS = ['#4e9de6', '#f4704f', '#f2c14e', '#5cc97b', '#c37be6', '#3fc6c6', '#ef6fa8', '#9ccc65',
  '#ffa94d', '#8c9eff', '#e57373', '#4db6ac'];
const AXIS = '#9aa9ba';
const GRID = 'rgba(154, 169, 186, 0.14)';
const HEIGHT = 190;

const formatters = [0, 1, 2].map(d => new Intl.NumberFormat('en-US', { maximumFractionDigits: d }));

export function formatValue(v) {
  if (v == null || Number.isNaN(v)) return '–';
  const a = Math.abs(v);
  return formatters[a >= 100 ? 0 : a >= 10 ? 1 : 2].format(v);
}

function axisValue(v) {
  const a = Math.abs(v);
  if (a >= 1e9) return `${+(v / 1e9).toFixed(1)}G`;
  if (a >= 1e6) return `${+(v / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${+(v / 1e3).toFixed(1)}k`;
  return formatValue(v);
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

export class ChartCard {
  /**
   * hooks: {onSelect(min, max), onReset(), onVisible(card)}: a drag selects a time range, a double
   * click goes live, and a card scrolled into view wants its data now.
   */
  constructor(chart, hooks) {
    this.hooks = hooks;
    this.labels = null;
    this.raw = null;
    this.plot = null;
    this.root = el('article', 'card');
    this.root.dataset.chart = chart.id;
    const head = el('header', 'card-head');
    this.title = el('h3', 'card-title');
    this.meta = el('div', 'card-meta');
    this.context = el('code', 'context');
    this.units = el('span', 'units');
    this.meta.append(this.context, this.units);
    head.append(this.title, this.meta);
    this.canvas = el('div', 'plot');
    this.canvas.setAttribute('role', 'img');
    this.message = el('p', 'card-message muted');
    this.legend = el('ul', 'legend');
    this.legend.setAttribute('aria-label', 'latest values');
    this.root.append(head, this.canvas, this.message, this.legend);
    this.canvas.addEventListener('dblclick', () => this.hooks.onReset());
    this.resize = new ResizeObserver(() => this.fit());
    this.resize.observe(this.canvas);
    // Only charts on (or near) the screen are fetched: a cgroup section can hold hundreds.
    this.visible = false;
    this.seen = new IntersectionObserver(entries => {
      const was = this.visible;
      this.visible = entries.some(e => e.isIntersecting);
      if (this.visible && !was) this.hooks.onVisible(this);
    }, { rootMargin: '300px 0px' });
    this.seen.observe(this.root);
    this.describe(chart);
  }

  describe(chart) {
    this.chart = chart;
    this.title.textContent = chart.title || chart.id;
    this.context.textContent = chart.context || chart.id;
    this.units.textContent = chart.units || '';
    this.canvas.setAttribute('aria-label', `${chart.title || chart.id}, ${chart.units || ''}`);
  }

  /** Shows an API answer {labels, data}; xRange is [min, max] in epoch seconds. */
  show(answer, xRange) {
    if (this.destroyed) return; // an answer that arrived after its section was left
    this.message.textContent = '';
    const labels = answer.labels || [];
    const rows = answer.data || [];
    const columns = labels.map((_, i) => rows.map(r => (r[i] == null ? null : r[i])));
    this.raw = columns;
    if (!this.plot || !sameLabels(labels, this.labels)) this.build(labels);
    this.plot.setData(this.displayed(columns), false);
    this.setRange(xRange);
    this.showLegend(null);
  }

  showError(text) {
    this.message.textContent = text;
  }

  setRange([min, max]) {
    if (this.plot) this.plot.setScale('x', { min, max });
  }

  // Stacked charts draw running sums; the legend still shows each dimension's own value.
  displayed(columns) {
    if (this.chart.chart_type !== 'stacked' || columns.length < 3) return columns;
    const out = [columns[0]];
    let acc = columns[0].map(() => null);
    for (let s = 1; s < columns.length; s++) {
      // A point with no value in any dimension so far stays a gap instead of becoming zero.
      acc = acc.map((a, i) => (columns[s][i] == null ? a : (a ?? 0) + columns[s][i]));
      out.push(acc.slice());
    }
    return out;
  }

  build(labels) {
    if (this.plot) this.plot.destroy();
    this.labels = labels;
    const type = this.chart.chart_type;
    const fill = type === 'area' || type === 'stacked';
    const series = [{}].concat(labels.slice(1).map((name, i) => ({
      label: name,
      stroke: COLORS[i % COLORS.length],
      width: 1.5,
      fill: fill ? `${COLORS[i % COLORS.length]}33` : undefined,
      points: { show: false },
    })));
    // Stacked: each dimension fills only the band between its running sum and the one below it.
    const bands = type === 'stacked'
      ? labels.slice(2).map((_, i) => ({ series: [i + 2, i + 1] }))
      : [];
    const opts = {
      bands,
      width: Math.max(200, this.canvas.clientWidth),
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: false }, sync: { key: 'ebpfmon' }, points: { size: 6 } },
      select: { show: true },
      scales: { x: { time: true, auto: false }, y: { range: withZero } },
      axes: [
        { stroke: AXIS, grid: { stroke: GRID, width: 1 }, ticks: { stroke: GRID, width: 1 }, size: 30, font: '11px system-ui, sans-serif',
          values: (u, vals, axis, space, incr) => vals.map(v => clock(v, incr)) },
        { stroke: AXIS, grid: { stroke: GRID, width: 1 }, ticks: { show: false }, size: 56, font: '11px system-ui, sans-serif',
          values: (u, vals) => vals.map(axisValue) },
      ],
      series,
      hooks: {
        setCursor: [u => this.showLegend(u.cursor.idx)],
        setSelect: [u => {
          if (u.select.width < 5) return;
          const min = u.posToVal(u.select.left, 'x');
          const max = u.posToVal(u.select.left + u.select.width, 'x');
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          this.hooks.onSelect(Math.floor(min), Math.ceil(max));
        }],
      },
    };
    this.plot = new uPlot(opts, labels.map(() => []), this.canvas);
    this.buildLegend(labels);
  }

  buildLegend(labels) {
    this.legend.replaceChildren();
    this.values = [];
    labels.slice(1).forEach((name, i) => {
      const item = el('li', 'legend-item');
      item.dataset.dimension = name;
      const swatch = el('span', 'swatch');
      swatch.style.background = COLORS[i % COLORS.length];
      const value = el('span', 'value', '–');
      item.append(swatch, el('span', 'dim', name), value);
      this.legend.append(item);
      this.values.push(value);
    });
  }

  showLegend(idx) {
    if (!this.raw || !this.values) return;
    for (let s = 1; s < this.raw.length; s++) {
      const col = this.raw[s];
      let v = null;
      if (idx != null) v = col[idx];
      else for (let i = col.length - 1; i >= 0 && v == null; i--) v = col[i];
      const out = this.values[s - 1];
      if (!out) continue;
      out.textContent = formatValue(v);
      if (v == null) delete out.dataset.value; else out.dataset.value = String(v);
    }
  }

  fit() {
    if (this.plot && this.canvas.clientWidth > 0) this.plot.setSize({ width: this.canvas.clientWidth, height: HEIGHT });
  }

  destroy() {
    this.destroyed = true;
    this.resize.disconnect();
    this.seen.disconnect();
    if (this.plot) this.plot.destroy();
    this.root.remove();
  }
}

// Rates read best against zero: the y scale always holds it, with a little room beyond the data.
function withZero(u, min, max) {
  let lo = Math.min(0, min ?? 0);
  let hi = Math.max(0, max ?? 0);
  if (lo === hi) hi = 1;
  const pad = (hi - lo) * 0.06;
  return [lo < 0 ? lo - pad : lo, hi > 0 ? hi + pad : hi];
}

const hhmm = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const hhmmss = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

// One line of 24-hour clock time; seconds only when ticks are closer than a minute.
function clock(epoch, increment) {
  return (increment < 60 ? hhmmss : hhmm).format(new Date(epoch * 1000));
}

function sameLabels(a, b) {
  return b != null && a.length === b.length && a.every((x, i) => x === b[i]);
}
