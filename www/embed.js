// <rare-earth-calculator>: the calculator as a custom element for articles and course pages,
// loaded with ONE script tag: <script type="module" src=".../www/embed.js"></script>.
// Built like Google's howto-components: shadow root in the constructor, attributes for the
// starting configuration, properties for live state, events only on user action, listeners
// removed on disconnect. The wasm model is initialised once per page and shared; each element
// keeps its own scenario, language and DOM. Every figure comes from wasm.project().
// Not part of the single-file build (it uses import.meta.url to find its assets).

import init, * as wasm from './pkg/rare_earth_wasm.js';
import { Chart } from './charts.js';
import { Controls } from './controls.js';
import { t, setLang, presetName, presetDescription, parseEntry } from './i18n.js';
import { summaryText } from './story.js';
import { makeChartSpecs } from './specs.js';

const EMBED_TAG = 'rare-earth-calculator';
const DEFAULT_CONTROLS = ['demand_growth_pct_per_yr', 'ban1_severity_pct', 'invest_magnet_musd', 'recycling_target_pct'];
const DEFAULT_CHARTS = ['self', 'supply'];
const THEMES = ['light', 'dark', 'projector'];

// ---- Shared, once per page: the model, the catalogue and the stylesheet ------------------------

let embedReady = null;

// The page's stylesheet, rewritten for a shadow root (:root -> :host, themes by host attribute),
// plus the element's own layout.
function embedCss(text) {
  const host = text
    .replace(/:root\[data-theme="([a-z]+)"\]/g, ':host([theme="$1"])')
    .replace(/:root\[data-theme\]/g, ':host')
    .replace(/:root/g, ':host');
  return `${host}
:host { display: block; contain: content; color: var(--fg); background: var(--bg); font-family: var(--font); line-height: 1.45; border: 1px solid var(--line); border-radius: 8px; }
:host([hidden]) { display: none; }
.re-root { padding: .7rem .9rem; overflow: auto; box-sizing: border-box; }
.re-head { display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: end; margin-bottom: .5rem; }
.re-head label { display: flex; flex-direction: column; font-size: .85rem; }
.re-head select { max-width: 100%; }
.re-summary { margin: .2rem 0 .6rem; padding: .4rem .7rem; border-left: 4px solid var(--fg); background: var(--summary-bg); }
.re-preset-desc { margin: 0; font-size: .85rem; color: var(--muted); flex: 1 1 16rem; }
.re-body { display: grid; grid-template-columns: minmax(14rem, 20rem) 1fr; gap: 1rem; }
.re-body.no-levers { grid-template-columns: 1fr; }
@container (max-width: 40rem) { .re-body { grid-template-columns: 1fr; } }
@media (max-width: 720px) { .re-body { grid-template-columns: 1fr; } }
.re-levers details.group > summary { list-style: none; }
.re-levers .group-title { font-size: .95rem; }
.re-error:empty { display: none; }
.re-error { margin: 0 0 .5rem; padding: .4rem .7rem; border-left: 4px solid #D55E00; background: var(--note-bg); }
.re-foot { margin: .5rem 0 0; font-size: .8rem; color: var(--muted); }
.re-foot a { color: inherit; }
.chart-export { display: none; }
`;
}

function embedInit() {
  if (!embedReady) {
    embedReady = (async () => {
      const cssUrl = new URL('./style.css', import.meta.url);
      const [, cssText] = await Promise.all([init(), fetch(cssUrl).then((r) => r.text())]);
      let sheet = null;
      try {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(embedCss(cssText));
      } catch (e) {
        sheet = null;
      }
      const catalogue = wasm.catalogue();
      return {
        catalogue,
        sheet,
        cssText: embedCss(cssText),
        paramById: new Map(catalogue.params.map((p) => [p.id, p])),
        presetById: new Map(catalogue.presets.map((p) => [p.id, p])),
        seriesById: new Map(catalogue.series.map((s) => [s.id, s])),
      };
    })();
  }
  return embedReady;
}

// Wraps every function in a spec (deeply) so that it runs in the element's language: i18n.js
// keeps one current language, and several elements on a page may use different ones.
function inLang(value, langOf) {
  if (typeof value === 'function') {
    return (...args) => {
      setLang(langOf());
      return value(...args);
    };
  }
  if (Array.isArray(value)) return value.map((v) => inLang(v, langOf));
  if (value && typeof value === 'object') {
    const out = {};
    for (const k of Object.keys(value)) out[k] = inLang(value[k], langOf);
    return out;
  }
  return value;
}

const listOf = (s) => (s || '').split(',').map((x) => x.trim()).filter(Boolean);

function embedEl(name, cls, parent, text) {
  const e = document.createElement(name);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  if (parent) parent.appendChild(e);
  return e;
}

export class RareEarthCalculator extends HTMLElement {
  static get observedAttributes() {
    return ['preset', 'params', 'lang', 'controls', 'charts', 'lock', 'theme', 'height'];
  }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.root = embedEl('div', 're-root');
    this.root.setAttribute('part', 'root');
    this.shadowRoot.appendChild(this.root);
    embedEl('p', 're-loading', this.root, 'Loading the model… / 正在加载模型…');
    this.env = null;
    this.built = false;
    this.preset = 'baseline';
    this.overrides = new Map();
    this.good = new Map();
    this.presetValues = new Map();
    this.proj = null;
    this.baseProj = null;
    this.pending = null;
    this.frame = 0;
    this.userFrame = false;
    this.charts = [];
    this.controls = null;
  }

  // ---- Lifecycle -------------------------------------------------------------------------------

  connectedCallback() {
    // Properties set before the element was upgraded (howto-components' lazy-property rule).
    for (const prop of ['scenario']) {
      if (Object.prototype.hasOwnProperty.call(this, prop)) {
        const v = this[prop];
        delete this[prop];
        this[prop] = v;
      }
    }
    this.connected = true;
    embedInit().then((env) => {
      if (!this.connected) return;
      this.env = env;
      if (!this.built) this.build();
      else this.attach();
    }, (e) => {
      this.root.textContent = '';
      embedEl('p', 're-error', this.root, `The model could not be loaded: ${e && e.message ? e.message : e}`);
    });
  }

  disconnectedCallback() {
    this.connected = false;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (!this.built) return;
    for (const c of this.charts) c.destroy();
    if (this.controls) this.controls.destroy();
    this.detached = true;
  }

  // Re-attaches document listeners after the element was moved (disconnect + connect).
  attach() {
    if (!this.detached) return;
    this.detached = false;
    this.buildDom();
    this.presetSelect.value = this.preset;
    this.render(false);
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this.built || oldValue === newValue) return;
    if (name === 'lang') this.relabel();
    else if (name === 'theme' || name === 'height') this.applyLook();
    else if (name === 'controls' || name === 'lock') this.applyControls();
    else if (name === 'charts') this.applyCharts();
    else if (name === 'preset' || name === 'params') {
      this.applyStart();
      this.render(false);
    }
  }

  // ---- Properties and methods for the host page ----------------------------------------------

  get lang() {
    return this.getAttribute('lang') === 'zh' ? 'zh' : 'en';
  }

  set lang(v) {
    this.setAttribute('lang', v);
  }

  // The live scenario { preset, params } (a copy); setting it applies it without an event.
  get scenario() {
    const params = {};
    for (const [k, v] of this.overrides) params[k] = v;
    return { preset: this.preset, params };
  }

  set scenario(s) {
    this.setScenario(s);
  }

  // The last projection from the model (read-only), or null before the first render.
  get projection() {
    return this.proj;
  }

  // Sets the scenario from an object { preset, params }, a share link (URL or fragment) or
  // scenario-file JSON text. Returns true when applied; invalid input changes nothing and the
  // message is shown in the element. Does not fire scenario-change (the host made the change).
  setScenario(value) {
    if (!this.built) {
      this.pending = value;
      return true;
    }
    let s;
    try {
      if (typeof value === 'string') {
        const text = value.trim();
        if (text.startsWith('{')) s = wasm.scenario_from_json(text);
        else {
          const link = wasm.decode_link(text.includes('#') ? text.slice(text.indexOf('#') + 1) : text);
          if (link.notices && link.notices.length) this.showError(link.notices.join('; '));
          s = link.scenario || {};
        }
      } else {
        wasm.validate(value);
        s = value;
      }
    } catch (e) {
      this.showError(e && e.message ? e.message : String(e));
      return false;
    }
    this.applyScenario(s);
    return this.render(false);
  }

  // ---- Building --------------------------------------------------------------------------------

  build() {
    this.built = true;
    const { sheet, cssText } = this.env;
    if (sheet && 'adoptedStyleSheets' in this.shadowRoot) this.shadowRoot.adoptedStyleSheets = [sheet];
    else embedEl('style', '', this.shadowRoot, cssText);
    this.buildDom();
    this.applyStart();
    if (this.pending !== null) {
      const p = this.pending;
      this.pending = null;
      this.setScenario(p);
    }
    this.render(false);
  }

  buildDom() {
    const env = this.env;
    const root = this.root;
    root.textContent = '';
    const L = () => this.lang;
    const withLang = (f) => (...a) => {
      setLang(this.lang);
      return f(...a);
    };

    const head = embedEl('div', 're-head', root);
    const pl = embedEl('label', '', head);
    this.presetLabel = embedEl('span', '', pl);
    this.presetSelect = embedEl('select', 're-preset', pl);
    for (const p of env.catalogue.presets) {
      const o = embedEl('option', '', this.presetSelect);
      o.value = p.id;
    }
    this.presetSelect.addEventListener('change', () => {
      this.setPreset(this.presetSelect.value, true);
      this.render(true);
    });
    this.presetDesc = embedEl('p', 're-preset-desc', head);
    this.errorEl = embedEl('p', 're-error', root);
    this.errorEl.setAttribute('role', 'alert');
    this.summaryEl = embedEl('p', 're-summary', root);
    this.summaryEl.setAttribute('aria-live', 'polite');

    const body = embedEl('div', 're-body', root);
    this.body = body;
    this.leversEl = embedEl('div', 're-levers', body);
    this.chartsEl = embedEl('div', 'charts-grid re-charts', body);

    setLang(this.lang);
    this.controls = new Controls(this.leversEl, env.catalogue, inLang({
      onInput: (id, value) => {
        this.clearError();
        this.setOverride(id, value);
        this.render(true);
      },
      onCommit: (id, text) => {
        const value = parseEntry(text);
        try {
          wasm.check_value(id, value);
        } catch (e) {
          this.controls.markInvalid(id, true);
          this.showError(e.message);
          return false;
        }
        const before = this.overrides.get(id);
        this.setOverride(id, value);
        if (!this.render(true)) {
          if (before === undefined) this.overrides.delete(id);
          else this.overrides.set(id, before);
          this.controls.markInvalid(id, true);
          return false;
        }
        this.controls.markInvalid(id, false);
        this.clearError();
        return true;
      },
      onReset: (id) => {
        this.overrides.delete(id);
        this.controls.markInvalid(id, false);
        this.render(true);
      },
      valueOf: (id) => this.valueOf(id),
      presetValueOf: (id) => this.presetValueOf(id),
      isOverridden: (id) => this.overrides.has(id),
    }, L));
    this.charts = inLang(makeChartSpecs(env.seriesById), L).map((spec) => new Chart(this.chartsEl, spec));
    this.foot = embedEl('p', 're-foot', root);
    this.footText = embedEl('span', '', this.foot);
    this.foot.appendChild(document.createTextNode(' · '));
    this.fullLink = embedEl('a', '', this.foot);
    this.fullLink.target = '_blank';
    this.fullLink.rel = 'noopener';
    this.applyLook();
    this.applyControls();
    this.applyCharts();
    this.relabel = withLang(this.relabelNow.bind(this));
    this.relabel();
  }

  applyLook() {
    const th = this.getAttribute('theme');
    if (th && !THEMES.includes(th)) this.removeAttribute('theme');
    const h = (this.getAttribute('height') || '').trim();
    this.root.style.height = /^\d+(\.\d+)?(px|rem|em|vh)?$/.test(h) ? (/\d$/.test(h) ? `${h}px` : h) : '';
  }

  applyControls() {
    const show = this.hasAttribute('controls') ? listOf(this.getAttribute('controls')) : DEFAULT_CONTROLS;
    const params = this.env.catalogue.params;
    const hide = params.filter((p) => !show.includes(p.id) && !show.includes(p.group)).map((p) => p.id);
    this.controls.setHidden(hide);
    for (const g of this.controls.groups) if (g.advDet && !g.advDet.hidden && params.some((p) => p.advanced && show.includes(p.id))) g.advDet.open = true;
    this.body.classList.toggle('no-levers', hide.length === params.length);
    this.leversEl.hidden = hide.length === params.length;
    const lock = listOf(this.getAttribute('lock'));
    setLang(this.lang);
    this.controls.setLocked(lock);
  }

  applyCharts() {
    const show = this.hasAttribute('charts') ? listOf(this.getAttribute('charts')) : DEFAULT_CHARTS;
    for (const c of this.charts) c.fig.hidden = !show.includes(c.spec.key);
  }

  relabelNow() {
    const env = this.env;
    this.presetLabel.textContent = t('preset');
    for (const o of this.presetSelect.options) o.textContent = presetName(env.presetById.get(o.value));
    this.presetDesc.textContent = presetDescription(env.presetById.get(this.preset));
    this.controls.relabel();
    this.controls.relabelLocks();
    for (const c of this.charts) c.relabel();
    this.footText.textContent = t('footer', { version: env.catalogue.model_version });
    this.fullLink.textContent = this.lang === 'zh' ? '打开完整计算器' : 'Open the full calculator';
    this.root.lang = this.lang === 'zh' ? 'zh-CN' : 'en';
    if (this.proj) this.paint();
  }

  // ---- State -----------------------------------------------------------------------------------

  presetValueOf(id) {
    return this.presetValues.has(id) ? this.presetValues.get(id) : this.env.paramById.get(id).default;
  }

  valueOf(id) {
    return this.overrides.has(id) ? this.overrides.get(id) : this.presetValueOf(id);
  }

  setOverride(id, value) {
    if (value === this.presetValueOf(id)) this.overrides.delete(id);
    else this.overrides.set(id, value);
  }

  setPreset(id, keepLocked) {
    const env = this.env;
    const preset = env.presetById.get(id) || env.presetById.get('baseline') || env.catalogue.presets[0];
    this.preset = preset.id;
    this.presetValues = new Map(preset.values);
    const lock = keepLocked ? listOf(this.getAttribute('lock')) : [];
    for (const k of [...this.overrides.keys()]) if (!lock.includes(k)) this.overrides.delete(k);
    this.baseProj = wasm.project({ preset: this.preset });
    this.presetSelect.value = this.preset;
    setLang(this.lang);
    this.presetDesc.textContent = presetDescription(preset);
  }

  applyScenario(s) {
    this.setPreset(s && s.preset ? s.preset : 'baseline', false);
    this.overrides.clear();
    for (const [k, v] of Object.entries((s && s.params) || {})) if (this.env.paramById.has(k)) this.setOverride(k, v);
  }

  // The starting configuration from the `preset` and `params` attributes.
  applyStart() {
    const params = (this.getAttribute('params') || '').trim();
    let s = { preset: this.getAttribute('preset') || 'baseline', params: {} };
    if (params) {
      try {
        if (params.startsWith('{')) {
          const obj = JSON.parse(params);
          // Either a whole scenario object or only its params.
          s = obj.params || obj.preset ? { preset: obj.preset || s.preset, params: obj.params || {} } : { preset: s.preset, params: obj };
          wasm.validate(s);
        } else {
          const link = wasm.decode_link(params.includes('#') ? params.slice(params.indexOf('#') + 1) : params);
          if (link.notices && link.notices.length) this.showError(link.notices.join('; '));
          s = { preset: (link.scenario && link.scenario.preset) || s.preset, params: (link.scenario && link.scenario.params) || {} };
        }
      } catch (e) {
        this.showError(e && e.message ? e.message : String(e));
        s = { preset: s.preset, params: {} };
      }
    }
    this.applyScenario(s);
  }

  // ---- Rendering -------------------------------------------------------------------------------

  showError(text) {
    this.errorEl.textContent = text;
  }

  clearError() {
    if (this.errorEl.textContent) this.errorEl.textContent = '';
  }

  // Runs the model. `user` marks a change made in this element, which fires scenario-change
  // (coalesced to one event per animation frame). Returns whether the model accepted it.
  render(user) {
    let p;
    try {
      p = wasm.project(this.scenario);
    } catch (e) {
      this.overrides = new Map(this.good);
      this.showError(e && e.message ? e.message : String(e));
      if (this.controls) this.controls.sync();
      return false;
    }
    this.good = new Map(this.overrides);
    this.proj = p;
    this.paint();
    this.rendered = (this.rendered || 0) + 1;
    this.dataset.renderCount = String(this.rendered);
    if (user) {
      this.userFrame = true;
      if (!this.frame) {
        this.frame = requestAnimationFrame(() => {
          this.frame = 0;
          if (!this.userFrame) return;
          this.userFrame = false;
          this.fireChange();
        });
      }
    }
    return true;
  }

  paint() {
    setLang(this.lang);
    const p = this.proj;
    this.summaryEl.textContent = summaryText(p.summary);
    for (const c of this.charts) c.update(p, this.baseProj, p.events, null);
    this.controls.sync();
    try {
      const frag = wasm.encode_link(this.scenario, this.lang === 'zh' ? { lang: 'zh' } : {});
      this.fullLink.href = new URL(`../index.html#${frag}`, import.meta.url).href;
    } catch (e) {
      this.fullLink.href = new URL('../index.html', import.meta.url).href;
    }
  }

  fireChange() {
    this.dispatchEvent(new CustomEvent('scenario-change', {
      bubbles: true,
      composed: true,
      detail: { scenario: this.scenario, link: this.fullLink.href, headline: { ...this.proj.summary } },
    }));
  }
}

if (!customElements.get(EMBED_TAG)) customElements.define(EMBED_TAG, RareEarthCalculator);
