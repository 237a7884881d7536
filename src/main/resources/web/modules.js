// The Modules panel: how each module runs or why it does not (the words of `ebpfmon check`), and a
// switch per module. Switching needs the agent's API token, kept in sessionStorage for this tab only.

import { api, ApiError, Disconnected } from './api.js';
import { moduleTitle } from './sections.js';

const TOKEN_KEY = 'ebpfmon.token';

export class ModulesPanel {
  /** onChanged(): a module was switched, so the chart list changes. onGone(error): the agent is gone. */
  constructor(root, { onChanged, onGone }) {
    this.rows = root.querySelector('#module-rows');
    this.error = root.querySelector('#modules-error');
    this.token = root.querySelector('#token');
    this.onChanged = onChanged;
    this.onGone = onGone;
    this.busy = new Set();
    this.token.value = sessionStorage.getItem(TOKEN_KEY) || '';
    this.token.addEventListener('input', () => {
      const t = this.token.value.trim();
      if (t) sessionStorage.setItem(TOKEN_KEY, t); else sessionStorage.removeItem(TOKEN_KEY);
    });
  }

  async refresh() {
    try {
      const answer = await api.modules();
      // A bare list, or {"modules": [...]}: both have been API shapes of this endpoint.
      this.render(Array.isArray(answer) ? answer : (answer && answer.modules) || []);
    } catch (e) {
      if (e instanceof Disconnected) this.onGone(e);
      else this.showError(`Could not read modules: ${e.message}`);
    }
  }

  render(list) {
    // Unchanged rows stay as they are, so a switch under the user's pointer is not replaced.
    const text = JSON.stringify(list);
    if (text === this.shown) return;
    this.shown = text;
    const rows = list.map(m => this.row(m));
    this.rows.replaceChildren(...rows);
  }

  row(m) {
    const tr = document.createElement('tr');
    tr.dataset.module = m.module;
    tr.dataset.state = m.state;
    const name = document.createElement('th');
    name.scope = 'row';
    name.innerHTML = '<code></code><span class="muted"></span>';
    name.firstChild.textContent = m.module;
    const title = moduleTitle(m.module);
    name.lastChild.textContent = title !== m.module ? ` ${title}` : '';
    const state = document.createElement('td');
    const badge = document.createElement('span');
    badge.className = `badge ${m.state}`;
    badge.textContent = m.state;
    state.append(badge);
    const how = document.createElement('td');
    how.className = 'how';
    const words = [m.how, m.reason].filter(Boolean).join(' — ');
    how.textContent = words || '–';
    const sw = document.createElement('td');
    const label = document.createElement('label');
    label.className = 'switch';
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.setAttribute('role', 'switch');
    input.checked = !!m.enabled;
    input.disabled = this.busy.has(m.module);
    input.setAttribute('aria-label', `${m.module} enabled`);
    input.addEventListener('change', () => this.toggle(m.module, input));
    const knob = document.createElement('span');
    knob.className = 'knob';
    knob.setAttribute('aria-hidden', 'true');
    label.append(input, knob);
    sw.append(label);
    tr.append(name, state, how, sw);
    return tr;
  }

  async toggle(module, input) {
    const wanted = input.checked;
    input.disabled = true;
    this.busy.add(module);
    this.hideError();
    try {
      const row = await api.setModule(module, wanted, this.token.value.trim());
      const old = this.rows.querySelector(`tr[data-module="${CSS.escape(module)}"]`);
      this.busy.delete(module);
      if (old && row && row.module) old.replaceWith(this.row(row));
      this.shown = null; // the list changed: the next refresh redraws it whole
      this.onChanged();
    } catch (e) {
      input.checked = !wanted;
      if (e instanceof Disconnected) this.onGone(e);
      else if (e instanceof ApiError && e.status === 401) {
        this.showError(`Not allowed (401 Unauthorized): ${e.message}. Enter the agent's API token above to switch modules.`);
        this.token.focus();
      } else {
        this.showError(`Could not switch ${module}${e.status ? ` (HTTP ${e.status})` : ''}: ${e.message}`);
      }
    } finally {
      this.busy.delete(module);
      input.disabled = false;
    }
  }

  showError(text) {
    this.error.textContent = text;
    this.error.hidden = false;
  }

  hideError() {
    this.error.hidden = true;
    this.error.textContent = '';
  }
}
