// The assumptions and sources panel: every parameter's current value beside its sourced
// default, unit, grade and source (filterable to changed values), and the table of claims where
// the "as reported" preset and the sourced baseline disagree. Values shown are catalogue values
// or the user's own settings; nothing here is computed.

import { groupOrder } from './controls.js';
import { el as asmEl } from './dom.js';

// A titled, keyboard-scrollable table section: heading `NAME-title`, an intro paragraph and
// table `NAME-table`. Returns [heading, intro, table].
function asmTableSection(host, name) {
  const h = asmEl('h3', '', host);
  h.id = `${name}-title`;
  const intro = asmEl('p', 'intro', host);
  const wrap = asmEl('div', 'table-wrap', host);
  wrap.tabIndex = 0;
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-labelledby', h.id);
  const table = asmEl('table', `${name}-table`, wrap);
  table.id = `${name}-table`;
  return [h, intro, table];
}

export class Assumptions {
  // host: the element to fill; opts: { valueOf(id), isOverridden(id), i18n() }
  constructor(host, catalogue, opts) {
    this.L = opts.i18n;
    this.cat = catalogue;
    this.opts = opts;
    this.rows = [];
    this.visible = true;

    this.h2 = asmEl('h2', '', host);
    this.h2.id = 'assumptions-title';
    this.intro = asmEl('p', 'intro', host);
    const bar = asmEl('div', 'asm-bar', host);
    const onlyLab = asmEl('label', 'check', bar);
    this.only = asmEl('input', '', onlyLab);
    this.only.type = 'checkbox';
    this.only.id = 'only-changed';
    this.onlyText = asmEl('span', '', onlyLab);
    const fLab = asmEl('label', 'filter', bar);
    this.filterText = asmEl('span', '', fLab);
    this.filter = asmEl('input', '', fLab);
    this.filter.type = 'search';
    this.filter.id = 'asm-filter';
    this.count = asmEl('span', 'count', bar);
    this.count.setAttribute('aria-live', 'polite');
    this.only.addEventListener('change', () => this.applyFilter());
    this.filter.addEventListener('input', () => this.applyFilter());

    // Each table scrolls sideways on narrow screens, so its wrapper takes focus for the keyboard.
    const wrap = asmEl('div', 'table-wrap', host);
    wrap.tabIndex = 0;
    wrap.setAttribute('role', 'region');
    this.wrap = wrap;
    const table = asmEl('table', 'asm-table', wrap);
    table.id = 'assumptions-table';
    const thead = asmEl('thead', '', table);
    const hr = asmEl('tr', '', thead);
    this.heads = ['col_param', 'col_value', 'col_default', 'col_unit', 'col_grade', 'col_source'].map((k) => {
      const th = asmEl('th', '', hr);
      th.scope = 'col';
      th.dataset.k = k;
      return th;
    });
    this.groupHeads = [];
    const groups = groupOrder(catalogue);
    for (const g of groups) {
      const ps = catalogue.params.filter((p) => p.group === g);
      if (!ps.length) continue;
      const tb = asmEl('tbody', '', table);
      const gr = asmEl('tr', 'group-row', tb);
      const gth = asmEl('th', '', gr);
      gth.colSpan = 6;
      gth.scope = 'rowgroup';
      this.groupHeads.push({ g, th: gth, tb });
      for (const p of ps) {
        const tr = asmEl('tr', '', tb);
        tr.dataset.param = p.id;
        const name = asmEl('th', 'name', tr);
        name.scope = 'row';
        const lab = asmEl('span', '', name);
        asmEl('code', 'pid', name, p.id);
        const cur = asmEl('td', 'num cur', tr);
        const def = asmEl('td', 'num', tr);
        const unit = asmEl('td', 'unit', tr);
        const grade = asmEl('td', 'grade-cell', tr);
        asmEl('span', `grade grade-${p.grade === '-' ? 'S' : p.grade}`, grade, p.grade === '-' ? '–' : p.grade).setAttribute('aria-hidden', 'true');
        const gtext = asmEl('span', 'visually-hidden', grade);
        // What the parameter is, in the page's language where translated (see relabel), then its
        // source as written, in English.
        const src = asmEl('td', 'src', tr);
        const desc = asmEl('span', 'pdesc', src);
        asmEl('span', 'psrc', src, p.source).lang = 'en';
        this.rows.push({ p, tr, lab, desc, cur, def, unit, gtext, shown: undefined, changed: false, tbody: tb });
      }
    }

    [this.claimsH, this.claimsIntro, this.claims] = asmTableSection(host, 'claims');
    [this.projectsH, this.projectsIntro, this.projects] = asmTableSection(host, 'projects');
    this.relabel();
  }

  relabel() {
    const L = this.L();
    // The descriptions of a language other than English load with the panel's first showing in
    // it (a chunk of their own); the panel is written again when they are there.
    if (L.descriptionsPending()) L.loadDescriptions().then(() => this.L() === L && this.relabel());
    this.h2.textContent = this.L().t('assumptions');
    this.wrap.setAttribute('aria-label', this.L().t('params_table'));
    this.intro.textContent = this.L().t('assumptions_intro');
    this.onlyText.textContent = this.L().t('only_changed');
    this.filterText.textContent = this.L().t('filter');
    this.filter.placeholder = this.L().t('filter_placeholder');
    for (const th of this.heads) th.textContent = this.L().t(th.dataset.k);
    for (const gh of this.groupHeads) gh.th.textContent = this.L().t(`group_${gh.g}`);
    for (const r of this.rows) {
      r.lab.textContent = this.L().paramLabel(r.p);
      [r.desc.textContent, r.desc.lang] = this.L().paramDescription(r.p);
      r.def.textContent = this.L().fmtParamNumber(r.p, r.p.default);
      r.unit.textContent = r.p.options && r.p.options.length ? '' : this.L().unitText(r.p.unit);
      r.gtext.textContent = ` ${this.L().t(`grade_${r.p.grade}`)}`;
      r.shown = undefined;
    }
    this.renderClaims();
    this.renderProjects();
    this.update();
    this.applyFilter();
  }

  renderProjects() {
    const list = this.cat.projects || [];
    const table = this.projects;
    table.textContent = '';
    this.projectsH.hidden = !list.length;
    this.projectsIntro.hidden = !list.length;
    if (!list.length) return;
    const lever = this.cat.params.find((p) => p.id === 'deal_projects');
    this.projectsH.textContent = this.L().t('projects_title');
    this.projectsIntro.textContent = this.L().t('projects_intro', { lever: lever ? this.L().paramLabel(lever) : 'deal_projects' });
    const hr = asmEl('tr', '', asmEl('thead', '', table));
    for (const k of ['col_plant', 'col_region', 'col_stage', 'col_capacity', 'col_start', 'col_basis', 'col_source']) {
      const th = asmEl('th', '', hr, this.L().t(k));
      th.scope = 'col';
    }
    const tb = asmEl('tbody', '', table);
    for (const pr of list) {
      const tr = asmEl('tr', '', tb);
      const th = asmEl('th', '', tr, pr.name);
      th.scope = 'row';
      asmEl('td', '', tr, this.L().t(`region_${pr.region}`));
      asmEl('td', '', tr, pr.integrated ? this.L().t('stage_integrated') : this.L().t(`stage_${pr.stage}`));
      const cap = [];
      if (pr.ndpr_t_per_yr) cap.push(this.L().t('cap_ndpr', { n: this.L().fmtNumber(pr.ndpr_t_per_yr) }));
      if (pr.heavy_t_per_yr) cap.push(this.L().t('cap_heavy', { n: this.L().fmtNumber(pr.heavy_t_per_yr) }));
      if (pr.magnet_t_per_yr) cap.push(this.L().t('cap_magnet', { n: this.L().fmtNumber(pr.magnet_t_per_yr) }));
      asmEl('td', 'num', tr, cap.join(', '));
      asmEl('td', 'num', tr, String(pr.start_year));
      asmEl('td', '', tr, pr.deal ? this.L().t('basis_deal') : this.L().t('basis_base'));
      asmEl('td', 'src', tr, pr.source).lang = 'en';
    }
  }

  // Refreshes the current-value column; only cells whose value changed are touched.
  update() {
    let changedSet = false;
    for (const r of this.rows) {
      const v = this.opts.valueOf(r.p.id);
      if (v !== r.shown) {
        r.shown = v;
        r.cur.textContent = this.L().fmtParamNumber(r.p, v);
        const changed = v !== r.p.default;
        if (changed !== r.changed) {
          r.changed = changed;
          r.tr.classList.toggle('changed', changed);
          changedSet = true;
        }
      }
      const over = this.opts.isOverridden(r.p.id);
      if (over !== r.over) {
        r.over = over;
        r.tr.classList.toggle('overridden', over);
      }
    }
    if (changedSet || this.count.textContent === '') this.applyFilter();
  }

  applyFilter() {
    const only = this.only.checked;
    const q = this.filter.value.trim().toLowerCase();
    let n = 0;
    const shownPerBody = new Map();
    for (const r of this.rows) {
      let show = !only || r.changed;
      if (show && q) {
        const hay = `${r.p.id} ${r.p.label} ${this.L().paramLabel(r.p)} ${r.desc.textContent} ${r.p.source}`.toLowerCase();
        show = hay.includes(q);
      }
      r.tr.hidden = !show;
      if (show) {
        n++;
        shownPerBody.set(r.tbody, true);
      }
    }
    for (const gh of this.groupHeads) gh.tb.hidden = !shownPerBody.get(gh.tb);
    this.count.textContent = this.L().t('rows_shown', { n, total: this.rows.length });
  }

  renderClaims() {
    const preset = this.cat.presets.find((p) => p.claims && p.claims.length);
    const table = this.claims;
    table.textContent = '';
    if (!preset) {
      this.claimsH.hidden = true;
      this.claimsIntro.hidden = true;
      return;
    }
    this.claimsH.textContent = this.L().t('claims_title');
    this.claimsIntro.textContent = this.L().t('claims_intro', { preset: this.L().presetName(preset) });
    const values = new Map(preset.values);
    const thead = asmEl('thead', '', table);
    const hr = asmEl('tr', '', thead);
    for (const k of ['col_param', 'col_claim', 'col_sourced', 'col_verdict', 'col_reported_value', 'col_default']) {
      const th = asmEl('th', '', hr, this.L().t(k));
      th.scope = 'col';
    }
    const tb = asmEl('tbody', '', table);
    for (const c of preset.claims) {
      const p = c.param ? this.cat.params.find((q) => q.id === c.param) : null;
      const tr = asmEl('tr', '', tb);
      const th = asmEl('th', '', tr, p ? this.L().paramLabel(p) : c.param || this.L().t('no_param'));
      th.scope = 'row';
      asmEl('td', '', tr, c.reported);
      asmEl('td', '', tr, c.sourced);
      const verdict = asmEl('td', 'verdict', tr, c.verdict);
      verdict.dataset.verdict = /^holds/.test(c.verdict) ? 'holds' : 'disputed';
      const rv = p && values.has(p.id) ? `${this.L().fmtParamNumber(p, values.get(p.id))} ${this.L().unitText(p.unit)}` : '';
      asmEl('td', 'num', tr, rv);
      asmEl('td', 'num', tr, p ? `${this.L().fmtParamNumber(p, p.default)} ${this.L().unitText(p.unit)}` : '');
    }
  }
}
