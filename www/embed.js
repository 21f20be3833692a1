// <rare-earth-calculator>: the calculator as a custom element for articles and course pages,
// loaded with ONE script tag: <script type="module" src=".../www/embed.js"></script>.
// Built like Google's howto-components: shadow root in the constructor, attributes for the
// starting configuration, properties for live state, events only on user action, listeners
// removed on disconnect. The wasm model is initialised once per page and shared; each element
// keeps its own scenario store, language (its own I18n instance) and DOM. Every figure comes
// from the model. The single file bundles this module too, so its page can hold elements.

import { loadModel, modelIsEmbedded } from './model.js';
import { Chart } from './charts.js';
import { Controls } from './controls.js';
import { loadI18n, i18nFor, parseEntry, setOrder } from './i18n.js';
import { ScenarioStore } from './store.js';
import { el as embedEl } from './dom.js';
import { summaryText } from './story.js';
import { makeChartSpecs } from './specs.js';
import { moreSpecs } from './specs-more.js';

const EMBED_TAG = 'rare-earth-calculator';
const DEFAULT_CONTROLS = ['demand_growth_pct_per_yr', 'ban1_severity_pct', 'invest_magnet_musd', 'recycling_target_pct'];
const DEFAULT_CHARTS = ['self', 'supply'];
// Link notices that report a change of format or a view option, not a part that could not be
// read: setScenario shows them and applies the link.
const INFO_NOTICES = ['other_model', 'param_removed', 'cost_now_cash', 'value_clamped', 'capacity_now_committed', 'name_cut', 'notes_cut', 'unknown_lang', 'unknown_theme', 'unknown_lock', 'unknown_hide'];

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

// The page's stylesheet: inline in the single file (<style id="rare-earth-style">), else fetched
// from beside this module.
async function styleText() {
  const inline = document.getElementById('rare-earth-style');
  if (inline) return inline.textContent;
  return fetch(new URL('./style.css', import.meta.url)).then((r) => r.text());
}

// The full calculator, for the link under each element: this file itself in the single file.
function fullPageUrl(frag) {
  const base = modelIsEmbedded() ? new URL(location.href) : new URL('../index.html', import.meta.url);
  base.hash = frag;
  return base.href;
}

function embedInit() {
  if (!embedReady) {
    embedReady = (async () => {
      const [model, cssText] = await Promise.all([loadModel(), styleText()]);
      let sheet = null;
      try {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(embedCss(cssText));
      } catch (e) {
        sheet = null;
      }
      const catalogue = model.catalogue;
      setOrder(catalogue);
      return {
        model,
        catalogue,
        sheet,
        cssText: embedCss(cssText),
        seriesById: new Map(catalogue.series.map((s) => [s.id, s])),
      };
    })();
  }
  return embedReady;
}

const listOf = (s) => (s || '').split(',').map((x) => x.trim()).filter(Boolean);

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
    this.store = null;
    this.L = i18nFor('en');
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
    Promise.all([embedInit(), loadI18n(this.lang)]).then(([env, L]) => {
      if (!this.connected) return;
      this.env = env;
      this.L = L;
      if (!this.built) this.build();
      else this.attach();
    }, (e) => {
      this.root.textContent = '';
      const p = embedEl('p', 're-error', this.root, `The model could not be loaded: ${e && e.message ? e.message : e}. `);
      // Where to go instead (the element's own page, served beside it).
      const a = embedEl('a', '', p, 'Open the calculator / 打开计算器');
      a.href = fullPageUrl('');
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
    this.presetSelect.value = this.store.preset;
    this.render(false);
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this.built || oldValue === newValue) return;
    if (name === 'lang') {
      loadI18n(this.lang).then((L) => {
        this.L = L;
        this.relabel();
      });
    }
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
    const lang = this.getAttribute('lang') || '';
    const langs = this.env ? this.env.catalogue.langs : [lang];
    return lang && langs.includes(lang) ? lang : 'en';
  }

  set lang(v) {
    this.setAttribute('lang', v);
  }

  // The live scenario { preset, params } (a copy); setting it applies it without an event.
  get scenario() {
    return this.store ? this.store.scenario() : { preset: 'baseline', params: {} };
  }

  set scenario(s) {
    this.setScenario(s);
  }

  // The last projection from the model (read-only), or null before the first render.
  get projection() {
    return this.store ? this.store.projection : null;
  }

  // Sets the scenario from an object { preset, params, name?, notes? }, a share link (URL or
  // fragment) or scenario-file JSON text. Returns true when applied, false when refused (nothing
  // changes and the message is shown in the element), and null before the model has loaded: the
  // value is then applied (or refused) once it has. A link is refused if any part of it cannot be
  // read; notes about an older format are shown and the link applied. Does not fire
  // scenario-change (the host made the change).
  setScenario(value) {
    if (!this.built) {
      this.pending = { value };
      return null;
    }
    const { model, catalogue } = this.env;
    let s;
    try {
      if (typeof value === 'string') {
        const link = this.store.read(value);
        const bad = link.notices.filter((n) => !INFO_NOTICES.includes(n.code));
        if (bad.length) {
          this.showNotices(bad);
          return false;
        }
        s = link.scenario || {};
        value = link;
      } else {
        // A plain copy first: the host's object is read once, here (a getter may throw).
        s = model.plain(value);
        if (s === null || s === undefined) throw Object.assign(new TypeError('not_an_object'), { problems: [{ code: 'not_an_object', param: 'scenario' }] });
        model.validate(s);
      }
    } catch (e) {
      this.showError(this.L.errorText(e, catalogue));
      return false;
    }
    this.store.apply(s);
    this.showPreset();
    this.clearError();
    if (value.notices && value.notices.length) this.showNotices(value.notices);
    return this.render(false);
  }

  // ---- Building --------------------------------------------------------------------------------

  build() {
    this.built = true;
    this.store = new ScenarioStore(this.env.model);
    const { sheet, cssText } = this.env;
    if (sheet && 'adoptedStyleSheets' in this.shadowRoot) this.shadowRoot.adoptedStyleSheets = [sheet];
    else embedEl('style', '', this.shadowRoot, cssText);
    this.buildDom();
    this.applyStart();
    if (this.pending !== null) {
      const p = this.pending.value;
      this.pending = null;
      this.setScenario(p);
    }
    this.render(false);
  }

  buildDom() {
    const env = this.env;
    const root = this.root;
    root.textContent = '';
    const L = () => this.L;

    const head = embedEl('div', 're-head', root);
    const pl = embedEl('label', '', head);
    this.presetLabel = embedEl('span', '', pl);
    this.presetSelect = embedEl('select', 're-preset', pl);
    for (const p of env.catalogue.presets) {
      const o = embedEl('option', '', this.presetSelect);
      o.value = p.id;
    }
    this.presetSelect.addEventListener('change', () => {
      this.store.setPreset(this.presetSelect.value, listOf(this.getAttribute('lock')));
      this.showPreset();
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

    const store = this.store;
    this.controls = new Controls(this.leversEl, env.catalogue, {
      onInput: (id, value) => {
        this.clearError();
        store.setOverride(id, value);
        this.render(true);
      },
      onCommit: (id, text) => {
        const value = parseEntry(text);
        const problem = store.check(id, value);
        if (problem) {
          this.controls.markInvalid(id, true);
          this.showError(this.L.errorText(problem, env.catalogue));
          return false;
        }
        store.setOverride(id, value);
        // A refused combination: the store is back on the last accepted settings.
        if (!this.render(true)) {
          this.controls.markInvalid(id, true);
          return false;
        }
        this.controls.markInvalid(id, false);
        this.clearError();
        return true;
      },
      onReset: (id) => {
        store.reset(id);
        this.controls.markInvalid(id, false);
        this.render(true);
      },
      valueOf: (id) => store.valueOf(id),
      presetValueOf: (id) => store.presetValueOf(id),
      isOverridden: (id) => store.isOverridden(id),
      details: env.model.details,
    }, L);
    this.charts = makeChartSpecs(env.seriesById, L, moreSpecs).map((spec) => new Chart(this.chartsEl, spec));
    this.foot = embedEl('p', 're-foot', root);
    this.footText = embedEl('span', '', this.foot);
    this.foot.appendChild(document.createTextNode(' · '));
    this.fullLink = embedEl('a', '', this.foot);
    this.fullLink.target = '_blank';
    this.fullLink.rel = 'noopener';
    this.applyLook();
    this.applyControls();
    this.applyCharts();
    this.relabel();
  }

  applyLook() {
    const th = this.getAttribute('theme');
    if (th && !this.env.catalogue.themes.includes(th)) this.removeAttribute('theme');
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
    this.controls.setLocked(listOf(this.getAttribute('lock')));
  }

  applyCharts() {
    // `cost` (model 0.1.0's unit cost chart) became `price` in 0.2.0: old host pages keep a chart.
    const show = (this.hasAttribute('charts') ? listOf(this.getAttribute('charts')) : DEFAULT_CHARTS).map((k) => (k === 'cost' ? 'price' : k));
    for (const c of this.charts) c.fig.hidden = !show.includes(c.spec.key);
  }

  relabel() {
    const { L, store } = this;
    this.presetLabel.textContent = L.t('preset');
    for (const o of this.presetSelect.options) o.textContent = L.presetName(store.presetById.get(o.value));
    this.presetDesc.textContent = L.presetDescription(store.presetById.get(store.preset));
    this.controls.relabel();
    this.controls.relabelLocks();
    for (const c of this.charts) c.relabel();
    this.footText.textContent = L.t('footer', { version: this.env.catalogue.model_version });
    this.fullLink.textContent = L.t('full_calculator');
    this.root.lang = L.lang === 'en' ? 'en' : L.locale;
    if (store.projection) this.paint();
  }

  // ---- State -----------------------------------------------------------------------------------

  // The chosen preset in the select and its description, in the element's language.
  showPreset() {
    const preset = this.store.presetById.get(this.store.preset);
    this.presetSelect.value = preset.id;
    this.presetDesc.textContent = this.L.presetDescription(preset);
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
          this.env.model.validate(s);
        } else {
          const link = this.store.read(params);
          if (link.notices.length) this.showNotices(link.notices);
          s = { preset: (link.scenario && link.scenario.preset) || s.preset, params: (link.scenario && link.scenario.params) || {} };
        }
      } catch (e) {
        this.showError(this.L.errorText(e, this.env.catalogue));
        s = { preset: s.preset, params: {} };
      }
    }
    this.store.apply(s);
    this.showPreset();
  }

  // ---- Rendering -------------------------------------------------------------------------------

  showError(text) {
    this.errorEl.textContent = text;
  }

  // A link's notices, in the element's language.
  showNotices(notices) {
    this.showError(notices.map((n) => this.L.noticeText(n, this.env.catalogue)).join('; '));
  }

  clearError() {
    if (this.errorEl.textContent) this.errorEl.textContent = '';
  }

  // Runs the model. `user` marks a change made in this element, which fires scenario-change
  // (coalesced to one event per animation frame). Returns whether the model accepted it.
  render(user) {
    const r = this.store.commit();
    if (r.error) {
      this.showError(this.L.errorText(r.error, this.env.catalogue));
      if (this.controls) this.controls.sync();
      return false;
    }
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
    const p = this.store.projection;
    this.summaryEl.textContent = summaryText(this.L, p.summary);
    for (const c of this.charts) c.update(p, this.store.baseProjection, p.events, null);
    this.controls.sync();
    let frag = '';
    try {
      frag = this.store.link(this.L.lang === 'en' ? {} : { lang: this.L.lang });
    } catch (e) {
      // A scenario the model cannot write links to the calculator without it.
    }
    this.fullLink.href = fullPageUrl(frag);
  }

  fireChange() {
    this.dispatchEvent(new CustomEvent('scenario-change', {
      bubbles: true,
      composed: true,
      detail: { scenario: this.scenario, link: this.fullLink.href, headline: { ...this.store.projection.summary } },
    }));
  }
}

// A tag another script defined first keeps its definition; say so, or the elements on the page
// would silently be someone else's.
const defined = customElements.get(EMBED_TAG);
if (!defined) customElements.define(EMBED_TAG, RareEarthCalculator);
else if (defined !== RareEarthCalculator) console.warn(`<${EMBED_TAG}> is already defined by another script on this page; this calculator's element is not used.`);
