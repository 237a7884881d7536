// The Connections view: the agent's live connections table (/api/v1/connections, the socket
// module's network viewer), refreshed every tick, sortable by any column, with the table's notes
// (caps reached, connections left out).

import { api, ApiError, Disconnected } from './api.js';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

function bytes(n) {
  let v = Number(n);
  let u = 0;
  while (Math.abs(v) >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? Math.round(v) : v.toFixed(1)} ${UNITS[u]}`;
}

function cell(kind, value) {
  if (kind === 'bytes') return bytes(value);
  if (kind === 'bytes_per_second') return `${bytes(value)}/s`;
  if (kind === 'number') return Number(value).toLocaleString('en-US');
  return String(value);
}

export class ConnectionsPanel {
  /** onGone(error): the agent is gone. */
  constructor(root, { onGone }) {
    this.root = root;
    this.head = root.querySelector('#connection-head');
    this.rows = root.querySelector('#connection-rows');
    this.notes = root.querySelector('#connection-notes');
    this.message = root.querySelector('#connections-message');
    this.onGone = onGone;
    this.sort = null; // column id
    this.descending = true;
    this.table = null;
  }

  async refresh() {
    try {
      this.table = await api.connections();
      this.message.hidden = true;
      this.render();
    } catch (e) {
      if (e instanceof Disconnected) {
        this.onGone(e);
        return;
      }
      this.table = null;
      this.head.replaceChildren();
      this.rows.replaceChildren();
      this.notes.replaceChildren();
      this.message.textContent = e instanceof ApiError && e.status === 404
        ? 'No connections table: run the socket module with `network connections = yes` in [ebpf programs] of ebpf.d.conf.'
        : `Could not read the connections: ${e.message}`;
      this.message.hidden = false;
    }
  }

  render() {
    const t = this.table;
    if (!t) return;
    const columns = t.columns;
    if (!this.sort || !columns.some(c => c.id === this.sort)) {
      this.sort = (columns.find(c => c.kind === 'bytes_per_second') || columns[0]).id;
    }
    const at = columns.findIndex(c => c.id === this.sort);
    const text = columns[at].kind === 'text';
    const rows = [...t.rows].sort((a, b) => {
      const d = text ? String(a[at]).localeCompare(String(b[at])) : a[at] - b[at];
      return this.descending ? -d : d;
    });
    const tr = document.createElement('tr');
    for (const c of columns) {
      const th = document.createElement('th');
      th.scope = 'col';
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'sort';
      b.textContent = c.title + (c.id === this.sort ? (this.descending ? ' ▾' : ' ▴') : '');
      b.addEventListener('click', () => {
        this.descending = c.id === this.sort ? !this.descending : c.kind !== 'text';
        this.sort = c.id;
        this.render();
      });
      th.setAttribute('aria-sort', c.id === this.sort ? (this.descending ? 'descending' : 'ascending') : 'none');
      th.append(b);
      if (c.kind !== 'text') th.className = 'num';
      tr.append(th);
    }
    this.head.replaceChildren(tr);
    this.rows.replaceChildren(...rows.map(r => {
      const row = document.createElement('tr');
      r.forEach((v, i) => {
        const td = document.createElement('td');
        td.textContent = cell(columns[i].kind, v);
        if (columns[i].kind !== 'text') td.className = 'num';
        row.append(td);
      });
      return row;
    }));
    this.notes.replaceChildren(...t.notes.map(n => {
      const li = document.createElement('li');
      li.textContent = n;
      return li;
    }));
  }
}
