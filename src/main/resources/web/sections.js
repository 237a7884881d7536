// Groups charts into the menu's sections the way Netdata's eBPF menu does: host charts by the module
// that makes them (in the modules' menu order), per-application charts under "Apps", per-cgroup and systemd-service charts under
// "Cgroups", and the collector's own charts under "ebpfmon".

// Module titles and menu order come from the agent (/api/v1/info), which has them from each module.
let modules = new Map();

/** Takes the agent's list of modules: [{name, title, order}]. */
export function setModules(list) {
  modules = new Map((list || []).map(m => [m.name, m]));
}

const TRAILING = { apps: 1, cgroups: 2, self: 3 };

export function moduleTitle(module) {
  return modules.get(module)?.title || module;
}

/** Section key, title and sub-group of one chart. */
export function placeOf(chart) {
  const context = chart.context || chart.id;
  const module = chart.module || chart.family || chart.type;
  if (context.startsWith('apps.')) return { key: 'apps', title: 'Apps', group: moduleTitle(module) };
  if (context.startsWith('services.')) return { key: 'cgroups', title: 'Cgroups', group: 'systemd services' };
  if (context.startsWith('cgroup.')) {
    return { key: 'cgroups', title: 'Cgroups', group: String(chart.type || '').replace(/^cgroup_/, '') || 'cgroup' };
  }
  if (context.startsWith('netdata.')) return { key: 'self', title: 'ebpfmon', group: '' };
  return { key: `m:${module}`, title: moduleTitle(module), group: chart.family || '' };
}

/**
 * Sections in menu order, each {key, title, charts: [chart...] by priority, groups: [{name, charts}]}.
 * A section whose charts all share one group has a single unnamed group.
 */
export function buildSections(charts) {
  const byKey = new Map();
  for (const chart of charts) {
    const place = placeOf(chart);
    let section = byKey.get(place.key);
    if (!section) {
      section = { key: place.key, title: place.title, charts: [], groupOf: new Map() };
      byKey.set(place.key, section);
    }
    section.charts.push(chart);
    section.groupOf.set(chart.id, place.group);
  }
  const sections = [...byKey.values()];
  for (const s of sections) {
    s.charts.sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0) || a.id.localeCompare(b.id));
    s.minPriority = s.charts.length ? (s.charts[0].priority ?? 0) : 0;
    const groups = new Map();
    for (const c of s.charts) {
      const g = s.groupOf.get(c.id);
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g).push(c);
    }
    s.groups = groups.size > 1 ? [...groups].map(([name, list]) => ({ name, charts: list }))
      : [{ name: '', charts: s.charts }];
    delete s.groupOf;
  }
  sections.sort((a, b) => rank(a) - rank(b) || a.minPriority - b.minPriority || a.title.localeCompare(b.title));
  return sections;
}

function rank(section) {
  if (section.key in TRAILING) return 1000 + TRAILING[section.key];
  return modules.get(section.key.slice(2))?.order ?? 100;
}
