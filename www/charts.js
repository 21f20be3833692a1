// Small SVG line/area/bar charts for the calculator: columnar series in, SVG out.
// A chart builds its elements once and afterwards only rewrites attributes (path data, tick
// text, positions), so an update during a slider drag costs a few string joins. It does no
// arithmetic on the model's figures beyond placing them on screen; the model does the rest.

import { el as htmlEl, svgEl } from './dom.js';

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// A round axis maximum and its tick step for data that peak at `max`.
function niceScale(max, nTicks) {
  if (!(max > 0)) return { max: 1, step: 0.25 };
  const raw = max / nTicks;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  let step = mag * 10;
  for (const m of [1, 2, 2.5, 5, 10]) {
    if (m * mag >= raw) {
      step = m * mag;
      break;
    }
  }
  return { max: Math.ceil(max / step - 1e-9) * step, step };
}

// Marker shapes for dated events, centred on (0, 0).
export const EVENT_STYLE = {
  commissioning: { d: 'M0,-5L5,4H-5Z', fill: '#009E73', stroke: '#00664a', glyph: '▲' },
  control_start: { d: 'M-4.5,-4.5H4.5V4.5H-4.5Z', fill: '#D55E00', stroke: '#8f3f00', glyph: '■' },
  control_end: { d: 'M-4,-4H4V4H-4Z', fill: '#ffffff', stroke: '#D55E00', glyph: '□' },
  policy: { d: 'M0,-5.5L5,0L0,5.5L-5,0Z', fill: '#0072B2', stroke: '#004c77', glyph: '◆' },
  target: { d: 'M0,-5.5L1.6,-1.7L5.5,-1.7L2.4,0.7L3.5,5L0,2.4L-3.5,5L-2.4,0.7L-5.5,-1.7L-1.6,-1.7Z', fill: 'currentColor', stroke: 'currentColor', glyph: '★' },
};

function dashAttr(dash) {
  return dash ? dash : 'none';
}

export class Chart {
  // spec: { key, title(), sub(), keysLabel(title), yMax?, fmtTick(v), fmtValue(v),
  //         right?: { fmtTick, fmtValue }, units(): { left, right? },
  //         series: [{ id, name(), color, dash?, width?, axis?: 'right', kind?: 'line'|'bar', decimals }],
  //         area?: { upper, lower, value, name(), color },
  //         labels: { preset(), year(), dataTable(), presetCol(label), seriesName(id) },
  //         eventText(ev), eventKind(kind) }
  constructor(host, spec) {
    this.spec = spec;
    this.data = null;
    this.base = null;
    this.cmp = null;
    this.events = [];
    this.width = 0;
    this.height = 0;
    this.hoverIdx = -1;
    this.focused = false;
    this.pointerInside = false;
    this.baseKey = null;
    this.eventsKey = null;
    this.layoutKey = '';

    const fig = htmlEl('figure', 'chart', host);
    fig.id = `chart-${spec.key}`;
    fig.dataset.chart = spec.key;
    this.fig = fig;
    const cap = htmlEl('figcaption', '', fig);
    this.titleEl = htmlEl('h3', 'chart-title', cap);
    this.titleEl.id = `chart-${spec.key}-title`;
    this.subEl = htmlEl('p', 'chart-sub', cap);
    this.legendEl = htmlEl('ul', 'legend', fig);
    const units = htmlEl('div', 'axis-units', fig);
    this.unitL = htmlEl('span', 'axis-unit-l', units);
    this.unitR = htmlEl('span', 'axis-unit-r', units);

    const plot = htmlEl('div', 'plot', fig);
    plot.tabIndex = 0;
    plot.setAttribute('role', 'group');
    this.plot = plot;
    const svg = svgEl('svg', { class: 'chart-svg', 'aria-hidden': 'true', focusable: 'false' }, plot);
    this.svg = svg;
    this.gGrid = svgEl('g', { class: 'grid' }, svg);
    this.gTicksL = svgEl('g', { class: 'ticks ticks-l' }, svg);
    this.gTicksR = svgEl('g', { class: 'ticks ticks-r' }, svg);
    this.gTicksX = svgEl('g', { class: 'ticks ticks-x' }, svg);
    this.gEvents = svgEl('g', { class: 'events' }, svg);
    this.gArea = svgEl('g', { class: 'areas' }, svg);
    this.gBars = svgEl('g', { class: 'bars' }, svg);
    this.gBase = svgEl('g', { class: 'baseline' }, svg);
    this.gCmp = svgEl('g', { class: 'pinned' }, svg);
    this.gLines = svgEl('g', { class: 'lines' }, svg);
    this.axisLine = svgEl('line', { class: 'axis' }, svg);
    this.gHover = svgEl('g', { class: 'hover', visibility: 'hidden' }, svg);
    this.cursor = svgEl('line', { class: 'cursor' }, this.gHover);

    this.gridPool = [];
    this.tickLPool = [];
    this.tickRPool = [];
    this.tickXPool = [];
    this.eventLinePool = [];
    this.eventGlyphPool = [];
    this.barPools = new Map();

    this.areaPath = null;
    if (spec.area) {
      this.areaPath = svgEl('path', { class: 'area', fill: spec.area.color, 'data-series': spec.area.value }, this.gArea);
    }
    this.basePaths = [];
    this.linePaths = [];
    this.dots = [];
    // Pinned scenario A: every series (bars too) as a dotted line, hidden until something is pinned.
    this.cmpPaths = [];
    for (const s of spec.series) {
      this.cmpPaths.push(svgEl('path', { class: 'line cmp', stroke: s.color, 'stroke-width': Math.max(1.5, (s.width || 2) - 0.5), 'stroke-dasharray': '1 4', 'stroke-linecap': 'round', 'data-series': s.id }, this.gCmp));
    }
    for (const s of spec.series) {
      const w = s.width || 2;
      this.basePaths.push(
        svgEl('path', { class: 'line base', stroke: s.color, 'stroke-width': Math.max(1.25, w - 0.75), 'stroke-dasharray': dashAttr(s.dash), 'data-series': s.id }, this.gBase)
      );
      if (s.kind === 'bar') {
        this.linePaths.push(null);
        this.barPools.set(s.id, []);
      } else {
        this.linePaths.push(svgEl('path', { class: 'line', stroke: s.color, 'stroke-width': w, 'stroke-dasharray': dashAttr(s.dash), 'data-series': s.id }, this.gLines));
      }
      this.dots.push(svgEl('circle', { r: 3.5, fill: s.color, 'stroke-width': 1.5, class: 'dot' }, this.gHover));
    }

    this.readout = htmlEl('div', 'readout', plot);
    this.readout.hidden = true;
    this.readout.setAttribute('aria-live', 'polite');
    this.readout.id = `chart-${spec.key}-readout`;

    const det = htmlEl('details', 'data', fig);
    this.dataSummary = htmlEl('summary', '', det);
    // The wrapper scrolls sideways on narrow screens, so it takes focus for keyboard scrolling.
    const wrap = htmlEl('div', 'table-wrap', det);
    wrap.tabIndex = 0;
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('aria-labelledby', `chart-${spec.key}-title`);
    this.table = htmlEl('table', 'data-table', wrap);
    this.details = det;
    det.addEventListener('toggle', () => {
      if (det.open) this.renderTable();
    });

    plot.addEventListener('pointermove', (e) => this.onPointer(e));
    plot.addEventListener('pointerdown', (e) => this.onPointer(e));
    plot.addEventListener('pointerleave', (e) => {
      this.pointerInside = false;
      // A finger lifts right after a tap: keep the readout until the next tap elsewhere.
      if (!this.focused && e.pointerType !== 'touch') this.hideHover();
    });
    // Kept so that destroy() can remove it (an embedded chart may be taken off the page).
    this.onDocPointer = (e) => {
      if (!this.readout.hidden && !plot.contains(e.target) && !e.composedPath().includes(plot) && !this.focused) this.hideHover();
    };
    document.addEventListener('pointerdown', this.onDocPointer);
    plot.addEventListener('focus', () => {
      this.focused = true;
      if (this.hoverIdx < 0) this.hoverIdx = this.defaultIdx();
      this.showHover();
    });
    plot.addEventListener('blur', () => {
      this.focused = false;
      if (!this.pointerInside) this.hideHover();
    });
    plot.addEventListener('keydown', (e) => this.onKey(e));

    if (typeof ResizeObserver !== 'undefined') {
      this.ro = new ResizeObserver(() => {
        if (this.measure() && this.data) this.render();
      });
      this.ro.observe(plot);
    }
    this.relabel();
  }

  // Removes the listeners outside the chart's own elements.
  destroy() {
    document.removeEventListener('pointerdown', this.onDocPointer);
    if (this.ro) this.ro.disconnect();
  }

  // Re-reads every translatable text (after a language switch).
  relabel() {
    const s = this.spec;
    const title = s.title();
    this.titleEl.textContent = title;
    this.subEl.textContent = s.sub();
    this.plot.setAttribute('aria-label', s.keysLabel(title));
    this.dataSummary.textContent = s.labels.dataTable();
    const u = s.units();
    this.unitL.textContent = u.left || '';
    this.unitR.textContent = u.right || '';
    this.legendEl.textContent = '';
    for (const ser of s.series) this.legendItem(ser.name(), ser.color, ser.dash, ser.kind === 'bar' ? 'bar' : 'line', ser.width);
    if (s.area) this.legendItem(s.area.name(), s.area.color, null, 'area');
    this.legendItem(s.labels.preset(), 'currentColor', null, 'base');
    if (this.cmp) this.legendItem(s.labels.cmp(), 'currentColor', null, 'cmp');
    this.layoutKey = '';
    this.baseKey = null;
    this.eventsKey = null;
    if (this.data) this.render();
  }

  legendItem(text, color, dash, kind, width) {
    const li = htmlEl('li', '', this.legendEl);
    const sw = svgEl('svg', { width: 26, height: 12, 'aria-hidden': 'true', class: 'swatch' }, li);
    if (kind === 'bar' || kind === 'area') {
      svgEl('rect', { x: 3, y: 1, width: 20, height: 10, fill: color, 'fill-opacity': kind === 'area' ? 0.35 : 0.85, stroke: kind === 'bar' ? '#0072B2' : color }, sw);
    } else {
      svgEl('line', {
        x1: 1, y1: 6, x2: 25, y2: 6, stroke: color,
        'stroke-width': kind === 'base' ? 1.5 : width || 2,
        'stroke-opacity': kind === 'base' ? 0.45 : 1,
        'stroke-dasharray': kind === 'base' ? '4 3' : kind === 'cmp' ? '1 4' : dashAttr(dash),
        'stroke-linecap': kind === 'cmp' ? 'round' : 'butt',
      }, sw);
      if (kind === 'cmp') li.className = 'legend-cmp';
    }
    li.appendChild(document.createTextNode(text));
  }

  measure() {
    const w = Math.round(this.plot.clientWidth);
    if (!w) return false;
    // Half as high as wide, 150-320 px; a host can cap it at a share of the window's height
    // (`--plot-vh`, a number of vh: the page's first-screen charts).
    const vh = parseFloat(getComputedStyle(this.plot).getPropertyValue('--plot-vh'));
    const cap = vh > 0 ? Math.max(150, (innerHeight * vh) / 100) : 320;
    const h = Math.round(Math.min(320, cap, Math.max(150, w * 0.5)));
    if (w === this.width && h === this.height) return false;
    this.width = w;
    this.height = h;
    this.svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
    this.svg.setAttribute('width', w);
    this.svg.setAttribute('height', h);
    this.layoutKey = '';
    return true;
  }

  // proj: { years, series }, base: same shape (the preset with no overrides) or null,
  // cmp: same shape (the pinned scenario A) or null.
  update(proj, base, events, cmp) {
    this.data = proj;
    const c = cmp || null;
    if (c !== this.cmp) {
      const legendChanges = !c !== !this.cmp;
      this.cmp = c;
      this.layoutKey = '';
      if (legendChanges) {
        this.relabel();
        return this.update(proj, base, events, cmp);
      }
    }
    if (base !== this.base) {
      this.base = base;
      this.baseKey = null;
    }
    this.events = events || [];
    if (!this.width) this.measure();
    this.render();
  }

  defaultIdx() {
    const years = this.data ? this.data.years : [];
    const i = years.indexOf(2030);
    return i >= 0 ? i : years.length - 1;
  }

  seriesMax(axis) {
    let m = 0;
    const consider = (obj) => {
      if (!obj) return;
      for (const s of this.spec.series) {
        if ((s.axis || 'left') !== axis) continue;
        const arr = obj.series[s.id];
        if (arr) for (let i = 0; i < arr.length; i++) if (arr[i] > m) m = arr[i];
      }
      if (axis === 'left' && this.spec.area) {
        const arr = obj.series[this.spec.area.upper];
        if (arr) for (let i = 0; i < arr.length; i++) if (arr[i] > m) m = arr[i];
      }
    };
    consider(this.data);
    consider(this.base);
    consider(this.cmp);
    return m;
  }

  render() {
    const spec = this.spec;
    const d = this.data;
    if (!d || !this.width) return;
    const years = d.years;
    const n = years.length;
    const W = this.width;
    const H = this.height;
    const hasRight = !!spec.right;
    const m = { top: 16, right: hasRight ? 46 : 14, bottom: 24, left: 44 };
    const pw = W - m.left - m.right;
    const ph = H - m.top - m.bottom;
    const y0 = years[0];
    const stepX = n > 1 ? pw / (n - 1) : pw;
    const xOfYear = (yr) => m.left + (yr - y0) * stepX;

    const left = spec.yMax ? { max: spec.yMax, step: spec.yMax / 4 } : niceScale(this.seriesMax('left'), 4);
    const right = hasRight ? niceScale(this.seriesMax('right'), 4) : null;
    const yL = (v) => m.top + ph - (v / left.max) * ph;
    const yR = right ? (v) => m.top + ph - (v / right.max) * ph : yL;
    this.geom = { m, pw, ph, stepX, xOfYear, yL, yR, y0, n };

    const layoutKey = `${W}x${H}|${y0}-${years[n - 1]}|${left.max}|${right ? right.max : ''}`;
    if (layoutKey !== this.layoutKey) {
      this.layoutKey = layoutKey;
      this.baseKey = null;
      this.eventsKey = null;
      this.drawAxes(left, right, years);
    }

    // Preset lines: redrawn only when the preset projection or the layout changes.
    if (this.baseKey !== layoutKey) {
      this.baseKey = layoutKey;
      spec.series.forEach((s, k) => {
        const arr = this.base && this.base.series[s.id];
        const yf = s.axis === 'right' ? yR : yL;
        this.basePaths[k].setAttribute('d', arr ? this.pathFor(this.base.years, arr, xOfYear, yf, years[n - 1]) : '');
      });
    }

    // Pinned scenario A.
    spec.series.forEach((s, k) => {
      const arr = this.cmp && this.cmp.series[s.id];
      const yf = s.axis === 'right' ? yR : yL;
      this.cmpPaths[k].setAttribute('d', arr ? this.pathFor(this.cmp.years, arr, xOfYear, yf, years[n - 1]) : '');
    });

    // Current lines, bars and area.
    spec.series.forEach((s, k) => {
      const arr = d.series[s.id] || [];
      const yf = s.axis === 'right' ? yR : yL;
      if (s.kind === 'bar') this.drawBars(s.id, arr, years, xOfYear, yf, s.color);
      else this.linePaths[k].setAttribute('d', this.pathFor(years, arr, xOfYear, yf, years[n - 1]));
    });
    if (spec.area) {
      const up = d.series[spec.area.upper] || [];
      const lo = d.series[spec.area.lower] || [];
      let p = '';
      for (let i = 0; i < n; i++) p += `${i ? 'L' : 'M'}${xOfYear(years[i]).toFixed(1)},${yL(up[i]).toFixed(1)}`;
      for (let i = n - 1; i >= 0; i--) p += `L${xOfYear(years[i]).toFixed(1)},${yL(lo[i]).toFixed(1)}`;
      this.areaPath.setAttribute('d', n ? `${p}Z` : '');
    }

    const evKey = `${layoutKey}|${this.events.map((e) => `${e.year}${e.kind}${e.code}${e.value}${e.name}`).join('|')}`;
    if (evKey !== this.eventsKey) {
      this.eventsKey = evKey;
      this.drawEvents(years);
    }

    if (!this.readout.hidden) this.showHover();
    if (this.details.open) this.renderTable();
  }

  pathFor(years, arr, xOfYear, yf, lastYear) {
    let p = '';
    let first = true;
    for (let i = 0; i < years.length && i < arr.length; i++) {
      if (years[i] > lastYear) break;
      const v = arr[i];
      if (v === null || v === undefined || !Number.isFinite(v)) {
        first = true;
        continue;
      }
      p += `${first ? 'M' : 'L'}${xOfYear(years[i]).toFixed(1)},${yf(v).toFixed(1)}`;
      first = false;
    }
    return p;
  }

  drawBars(id, arr, years, xOfYear, yf, color) {
    const pool = this.barPools.get(id);
    const bw = Math.max(2, Math.min(24, this.geom.stepX * 0.6));
    const yZero = yf(0);
    for (let i = 0; i < years.length; i++) {
      let r = pool[i];
      if (!r) {
        r = svgEl('rect', { class: 'bar', fill: color, 'data-series': id }, this.gBars);
        pool.push(r);
      }
      const v = Number.isFinite(arr[i]) ? arr[i] : 0;
      const y = yf(Math.max(0, v));
      r.setAttribute('x', (xOfYear(years[i]) - bw / 2).toFixed(1));
      r.setAttribute('width', bw.toFixed(1));
      r.setAttribute('y', y.toFixed(1));
      r.setAttribute('height', Math.max(0, yZero - y).toFixed(1));
      r.style.display = '';
    }
    for (let i = years.length; i < pool.length; i++) pool[i].style.display = 'none';
  }

  poolItem(pool, parent, name, attrs, i) {
    let e = pool[i];
    if (!e) {
      e = svgEl(name, attrs, parent);
      pool.push(e);
    }
    e.style.display = '';
    return e;
  }

  hideRest(pool, from) {
    for (let i = from; i < pool.length; i++) pool[i].style.display = 'none';
  }

  setText(el, text) {
    if (el.textContent !== text) el.textContent = text;
  }

  drawAxes(left, right, years) {
    const { m, pw, ph, xOfYear, yL, yR } = this.geom;
    const spec = this.spec;
    const nL = Math.round(left.max / left.step);
    for (let i = 0; i <= nL; i++) {
      const v = i * left.step;
      const y = yL(v).toFixed(1);
      const g = this.poolItem(this.gridPool, this.gGrid, 'line', {}, i);
      g.setAttribute('x1', m.left);
      g.setAttribute('x2', m.left + pw);
      g.setAttribute('y1', y);
      g.setAttribute('y2', y);
      const t = this.poolItem(this.tickLPool, this.gTicksL, 'text', { 'text-anchor': 'end', dy: '0.32em' }, i);
      t.setAttribute('x', m.left - 6);
      t.setAttribute('y', y);
      this.setText(t, spec.fmtTick(v, left.step));
    }
    this.hideRest(this.gridPool, nL + 1);
    this.hideRest(this.tickLPool, nL + 1);
    if (right) {
      const nR = Math.round(right.max / right.step);
      for (let i = 0; i <= nR; i++) {
        const v = i * right.step;
        const t = this.poolItem(this.tickRPool, this.gTicksR, 'text', { 'text-anchor': 'start', dy: '0.32em' }, i);
        t.setAttribute('x', m.left + pw + 6);
        t.setAttribute('y', yR(v).toFixed(1));
        this.setText(t, spec.right.fmtTick(v, right.step));
      }
      this.hideRest(this.tickRPool, nR + 1);
    }
    // Year labels: every 1, 2, 5 or 10 years, whichever leaves ~44 px per label.
    const span = years[years.length - 1] - years[0];
    let every = 10;
    for (const e of [1, 2, 5, 10]) {
      if ((span / e) * 44 <= pw) {
        every = e;
        break;
      }
    }
    let k = 0;
    for (const yr of years) {
      if (yr % every !== 0) continue;
      const t = this.poolItem(this.tickXPool, this.gTicksX, 'text', { 'text-anchor': 'middle' }, k++);
      t.setAttribute('x', xOfYear(yr).toFixed(1));
      t.setAttribute('y', m.top + ph + 17);
      this.setText(t, String(yr));
    }
    this.hideRest(this.tickXPool, k);
    this.axisLine.setAttribute('x1', m.left);
    this.axisLine.setAttribute('x2', m.left + pw);
    this.axisLine.setAttribute('y1', m.top + ph);
    this.axisLine.setAttribute('y2', m.top + ph);
    this.cursor.setAttribute('y1', m.top);
    this.cursor.setAttribute('y2', m.top + ph);
  }

  drawEvents(years) {
    const { m, ph, xOfYear } = this.geom;
    const first = years[0];
    const last = years[years.length - 1];
    const byYear = new Map();
    for (const e of this.events) {
      if (e.year < first || e.year > last) continue;
      if (!byYear.has(e.year)) byYear.set(e.year, []);
      const kinds = byYear.get(e.year);
      if (!kinds.includes(e.kind)) kinds.push(e.kind);
    }
    let li = 0;
    let gi = 0;
    for (const [yr, kinds] of byYear) {
      const x = xOfYear(yr);
      const l = this.poolItem(this.eventLinePool, this.gEvents, 'line', { class: 'event-line' }, li++);
      l.setAttribute('x1', x.toFixed(1));
      l.setAttribute('x2', x.toFixed(1));
      l.setAttribute('y1', m.top);
      l.setAttribute('y2', m.top + ph);
      kinds.forEach((kind, j) => {
        const st = EVENT_STYLE[kind] || EVENT_STYLE.policy;
        const g = this.poolItem(this.eventGlyphPool, this.gEvents, 'path', { class: 'event-glyph', 'stroke-width': 1.2 }, gi++);
        const gx = x + (j - (kinds.length - 1) / 2) * 11;
        g.setAttribute('d', st.d);
        g.setAttribute('fill', st.fill);
        g.setAttribute('stroke', st.stroke);
        g.setAttribute('transform', `translate(${gx.toFixed(1)},${m.top - 8})`);
        g.dataset.kind = kind;
      });
    }
    this.hideRest(this.eventLinePool, li);
    this.hideRest(this.eventGlyphPool, gi);
  }

  onPointer(e) {
    if (!this.data || !this.geom) return;
    this.pointerInside = true;
    const rect = this.svg.getBoundingClientRect();
    const x = ((e.clientX - rect.left) / rect.width) * this.width;
    const { m, stepX, n } = this.geom;
    const i = Math.max(0, Math.min(n - 1, Math.round((x - m.left) / stepX)));
    if (i !== this.hoverIdx || this.readout.hidden) {
      this.hoverIdx = i;
      this.showHover();
    }
  }

  onKey(e) {
    if (!this.data) return;
    const n = this.data.years.length;
    let i = this.hoverIdx < 0 ? this.defaultIdx() : this.hoverIdx;
    if (e.key === 'ArrowRight' || e.key === 'ArrowUp') i = Math.min(n - 1, i + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') i = Math.max(0, i - 1);
    else if (e.key === 'Home') i = 0;
    else if (e.key === 'End') i = n - 1;
    else if (e.key === 'Escape') {
      this.hideHover();
      return;
    } else return;
    e.preventDefault();
    this.hoverIdx = i;
    this.showHover();
  }

  hideHover() {
    this.readout.hidden = true;
    this.gHover.setAttribute('visibility', 'hidden');
  }

  showHover() {
    const d = this.data;
    if (!d || !this.geom) return;
    const n = d.years.length;
    if (this.hoverIdx >= n) this.hoverIdx = n - 1;
    const i = this.hoverIdx < 0 ? this.defaultIdx() : this.hoverIdx;
    const { xOfYear, yL, yR } = this.geom;
    const year = d.years[i];
    const x = xOfYear(year);
    this.cursor.setAttribute('x1', x.toFixed(1));
    this.cursor.setAttribute('x2', x.toFixed(1));
    const spec = this.spec;
    const bi = this.base ? this.base.years.indexOf(year) : -1;
    let rows = '';
    spec.series.forEach((s, k) => {
      const arr = d.series[s.id] || [];
      const v = arr[i];
      const yf = s.axis === 'right' ? yR : yL;
      const dot = this.dots[k];
      if (Number.isFinite(v)) {
        dot.setAttribute('cx', x.toFixed(1));
        dot.setAttribute('cy', yf(v).toFixed(1));
        dot.style.display = '';
      } else dot.style.display = 'none';
      const fmt = s.axis === 'right' ? spec.right.fmtValue : spec.fmtValue;
      const bv = bi >= 0 && this.base.series[s.id] ? this.base.series[s.id][bi] : undefined;
      rows += `<tr><td><span class="sw" style="background:${s.color}"></span>${escapeHtml(s.name())}</td><td class="num">${escapeHtml(fmt(v))}</td>`
        + `<td class="num base-val">${bv === undefined ? '' : escapeHtml(fmt(bv))}</td>${this.cmpCell(s.id, year, fmt)}</tr>`;
    });
    if (spec.area) {
      const v = (d.series[spec.area.value] || [])[i];
      const bv = bi >= 0 && this.base.series[spec.area.value] ? this.base.series[spec.area.value][bi] : undefined;
      rows += `<tr><td><span class="sw" style="background:${spec.area.color};opacity:.5"></span>${escapeHtml((spec.area.short || spec.area.name)())}</td><td class="num">${escapeHtml(spec.fmtValue(v))}</td>`
        + `<td class="num base-val">${bv === undefined ? '' : escapeHtml(spec.fmtValue(bv))}</td>${this.cmpCell(spec.area.value, year, spec.fmtValue)}</tr>`;
    }
    let evs = '';
    for (const e of this.events) {
      if (e.year !== year) continue;
      const st = EVENT_STYLE[e.kind] || EVENT_STYLE.policy;
      evs += `<li><span class="glyph" style="color:${st.stroke}">${st.glyph}</span> ${escapeHtml(spec.eventText(e))}</li>`;
    }
    const html = `<div class="ro-year">${year}</div><table><thead><tr><th><span class="visually-hidden">${escapeHtml(spec.labels.series())}</span></th><th><span class="visually-hidden">${escapeHtml(spec.labels.current())}</span></th><th class="base-val">${escapeHtml(spec.labels.preset())}</th>${this.cmp ? `<th class="cmp-val">${escapeHtml(spec.labels.cmp())}</th>` : ''}</tr></thead><tbody>${rows}</tbody></table>${evs ? `<ul class="ro-events">${evs}</ul>` : ''}`;
    if (this.readoutHtml !== html) {
      this.readout.innerHTML = html;
      this.readoutHtml = html;
    }
    this.readout.hidden = false;
    this.gHover.setAttribute('visibility', 'visible');
    // Keep the box inside the plot: right of the cursor in the left half, left of it otherwise.
    const flip = x > this.width / 2;
    this.readout.style.left = flip ? '' : `${Math.round(x + 10)}px`;
    this.readout.style.right = flip ? `${Math.round(this.width - x + 10)}px` : '';
  }

  // The readout cell of pinned scenario A for one series and year ('' when nothing is pinned).
  cmpCell(id, year, fmt) {
    if (!this.cmp) return '';
    const ci = this.cmp.years.indexOf(year);
    const v = ci >= 0 && this.cmp.series[id] ? this.cmp.series[id][ci] : undefined;
    return `<td class="num cmp-val">${v === undefined ? '' : escapeHtml(fmt(v))}</td>`;
  }

  renderTable() {
    const d = this.data;
    if (!d) return;
    const spec = this.spec;
    const L = spec.labels;
    const cols = spec.series.map((s) => ({ id: s.id, name: L.seriesName(s.id), dec: s.decimals ?? 0 }));
    if (spec.area) cols.push({ id: spec.area.value, name: L.seriesName(spec.area.value), dec: 0 });
    let html = `<caption>${escapeHtml(spec.title())}</caption><thead><tr><th scope="col">${escapeHtml(L.year())}</th>`;
    for (const c of cols) html += `<th scope="col">${escapeHtml(c.name)}</th>`;
    if (this.base) for (const c of cols) html += `<th scope="col" class="base-val">${escapeHtml(L.presetCol(c.name))}</th>`;
    if (this.cmp) for (const c of cols) html += `<th scope="col" class="cmp-val">${escapeHtml(L.cmpCol(c.name))}</th>`;
    html += `<th scope="col">${escapeHtml(L.events())}</th></tr></thead><tbody>`;
    for (let i = 0; i < d.years.length; i++) {
      const yr = d.years[i];
      html += `<tr><th scope="row">${yr}</th>`;
      for (const c of cols) html += `<td>${escapeHtml(L.num((d.series[c.id] || [])[i], c.dec))}</td>`;
      if (this.base) {
        const bi = this.base.years.indexOf(yr);
        for (const c of cols) html += `<td class="base-val">${bi < 0 ? '' : escapeHtml(L.num((this.base.series[c.id] || [])[bi], c.dec))}</td>`;
      }
      if (this.cmp) {
        const ci = this.cmp.years.indexOf(yr);
        for (const c of cols) html += `<td class="cmp-val">${ci < 0 ? '' : escapeHtml(L.num((this.cmp.series[c.id] || [])[ci], c.dec))}</td>`;
      }
      const evs = this.events.filter((e) => e.year === yr).map((e) => spec.eventText(e)).join('; ');
      html += `<td class="ev">${escapeHtml(evs)}</td></tr>`;
    }
    html += '</tbody>';
    if (this.tableHtml !== html) {
      this.table.innerHTML = html;
      this.tableHtml = html;
    }
  }
}
