// Languages of the page: one I18n instance per language, built from a string table in
// www/i18n/LANG.json (a translator edits those files, not code). English is bundled with the
// page; other tables load the first time their language is asked for, and their parameters'
// descriptions (www/i18n/params.LANG.json) the first time a lever's help or the sources panel
// shows them (in the single file, all of them come embedded: see single-model.js). Parameter labels, preset
// names and series labels come from the Rust catalogue in English; a table's `params`,
// `presets`, `series`, `options` and `units` translate them by id, and anything missing shows
// in English (a new parameter still gets its slider, only untranslated). Warnings, events and
// link notices arrive from the model as a code and values; their sentences are in the tables.
// Numbers are formatted with Intl.NumberFormat; the page converts units only for display
// (t -> kt, $M -> $ bn), never computes a model figure.

import en from './i18n/en.json' with { type: 'json' };

// The first Intl object a page makes loads the browser's locale data: 20-120 ms measured in
// headless Chromium, on the first screen's path (its numbers). Made here, in a task of its own, it
// runs while the page (or the element) waits for the model's download and compile: over a network
// that wait hides it; from localhost the model is ready sooner and the cost only moves (measured
// in interleaved cold opens, as it did when made from index.html's head instead).
setTimeout(() => new Intl.NumberFormat('en-US').format(0), 0);

const I18N_TABLES = { en };

// The single file's tables, embedded in it (a promise of { name: table }, see single-model.js);
// elsewhere each table is a file of www/i18n (a chunk of its own once bundled).
let embeddedTables = null;
export function provideTables(tables) {
  embeddedTables = tables;
}

// The table www/i18n/NAME.json (a language's, or `params.LANG` for its descriptions).
function importTable(name) {
  if (embeddedTables) {
    return embeddedTables.then((t) => {
      if (!t[name]) throw new Error(`no table ${name}`);
      return t[name];
    });
  }
  return import(`./i18n/${name}.json`, { with: { type: 'json' } }).then((m) => m.default);
}
const I18N_LOADING = new Map();
const I18N_INSTANCES = new Map();

// Loads the table of `lang` (once); resolves to its instance. Unknown languages give English.
export async function loadI18n(lang) {
  if (I18N_INSTANCES.has(lang)) return I18N_INSTANCES.get(lang);
  if (!I18N_TABLES[lang]) {
    if (!/^[a-z]{2}$/.test(lang)) return i18nFor('en');
    if (!I18N_LOADING.has(lang)) {
      I18N_LOADING.set(lang, importTable(lang).then((table) => {
        I18N_TABLES[lang] = table;
      }, () => {}));
    }
    await I18N_LOADING.get(lang);
  }
  return i18nFor(lang);
}

// The instance of a language whose table is loaded (English otherwise).
export function i18nFor(lang) {
  const key = I18N_TABLES[lang] ? lang : 'en';
  let inst = I18N_INSTANCES.get(key);
  if (!inst) {
    inst = new I18n(key, I18N_TABLES[key]);
    I18N_INSTANCES.set(key, inst);
  }
  return inst;
}

// The string tables of every language that has one in the bundle or has been loaded (tests).
export function i18nTables() {
  return I18N_TABLES;
}

// Built tables may carry `params`, `series` and `presets` as arrays in the catalogue's order
// (xtask packs them so: the ids are in the catalogue already); setOrder gives that order.
let ORDER = null;
export function setOrder(catalogue) {
  const at = (list) => new Map(list.map((x, i) => [x.id, i]));
  ORDER = { params: at(catalogue.params), series: at(catalogue.series), presets: at(catalogue.presets) };
}

// Built tables other than English may also carry `ui` and the sentences keyed by model code as
// arrays, in the order of English's keys sorted (xtask packs them so; English is in every build).
const KEY_INDEX = {};
function entry(table, section, key) {
  const s = table[section];
  if (!Array.isArray(s)) return s?.[key];
  KEY_INDEX[section] ??= new Map(Object.keys(en[section]).sort().map((k, i) => [k, i]));
  return s[KEY_INDEX[section].get(key)];
}

const orEmpty = (v) => (v === null || v === undefined ? '' : v);

// UI strings that arrive with a lazily loaded part of the page ({ LANG: { key: text } }): the
// classroom's (www/classroom-i18n/LANG.json) come with its chunk, so a first visit does not
// carry them (~1.5 KB gz of English).
const EXTRA = {};
export function addStrings(tables) {
  for (const [lang, strings] of Object.entries(tables)) EXTRA[lang] = { ...EXTRA[lang], ...strings };
}

export class I18n {
  constructor(lang, table) {
    this.lang = lang;
    this.table = table;
    this.numbers = new Map();
    // The BCP 47 tag for the html lang attribute and for Intl.
    this.locale = lang === 'zh' ? 'zh-CN' : lang === 'en' ? 'en-US' : lang;
  }

  fill(s, vars) {
    return vars ? s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m)) : s;
  }

  // A UI string with `{name}` placeholders filled from vars (English if this table lacks it).
  t(key, vars) {
    const s = entry(this.table, 'ui', key) ?? EXTRA[this.lang]?.[key] ?? en.ui[key] ?? EXTRA.en?.[key];
    return s === undefined ? key : this.fill(s, vars);
  }

  byId(section, id, table = this.table) {
    const tr = table && table[section];
    return Array.isArray(tr) ? ORDER && tr[ORDER[section].get(id)] : tr && tr[id];
  }

  // Loads this language's parameter descriptions once (www/i18n/params.LANG.json, a chunk of its
  // own: the lever help and the sources panel ask for it, never a first visit). English needs
  // none: its descriptions are the catalogue's (pkg/details.js). Resolves when they are there.
  loadDescriptions() {
    if (this.lang === 'en') return Promise.resolve();
    if (!this.descLoad) {
      this.descLoad = importTable(`params.${this.lang}`).then((table) => {
        this.descs = table;
      }, () => {
        this.descs = {};
      });
    }
    return this.descLoad;
  }

  // True when this language's descriptions are still to load (see loadDescriptions).
  descriptionsPending() {
    return this.lang !== 'en' && !this.descs;
  }

  // A parameter's description in this language, and the BCP 47 tag of the language it is in:
  // English (the catalogue's) where this language has none or has not loaded it yet.
  paramDescription(p) {
    const d = this.byId('params', p.id, this.descs);
    return d ? [d, this.locale] : [p.description || '', 'en'];
  }

  paramLabel(p) {
    return this.byId('params', p.id) || p.label;
  }

  presetName(p) {
    return this.byId('presets', p.id)?.name || p.name;
  }

  presetDescription(p) {
    return this.byId('presets', p.id)?.description || p.description;
  }

  // What a preset assumes that no source says ('' when it is all sourced).
  presetHypothesis(p) {
    return p.hypothesis ? this.byId('presets', p.id)?.hypothesis || p.hypothesis : '';
  }

  seriesLabel(s) {
    return this.byId('series', s.id) || s.label;
  }

  unitText(unit) {
    return unit ? this.byId('units', unit) || unit : '';
  }

  optionText(text) {
    return this.byId('options', text) || text;
  }

  // A sentence from a section keyed by model code (warnings, events, notices).
  coded(section, code, vars) {
    const s = entry(this.table, section, code) ?? en[section][code];
    return s === undefined ? code : this.fill(s, vars);
  }

  // A chart event's label: from its code and value; a plant's name is shown as it is.
  eventLabel(e) {
    return this.coded('events', e.code, { value: e.value === null || e.value === undefined ? '' : this.fmtNumber(e.value), name: orEmpty(e.name) });
  }

  // A model warning, from its code, year and value; `horizon` is the projection's last year.
  warningText(w, horizon) {
    return this.coded('warnings', w.code, { year: orEmpty(w.year), value: w.value === null || w.value === undefined ? '' : this.fmtNumber(w.value), horizon });
  }

  // The values a notice or an input problem quotes, for its sentence: numbers as the model and
  // the CLI write them (no grouping), a parameter's unit from the catalogue.
  codedVars(x, catalogue) {
    const spec = x.param && catalogue ? catalogue.params.find((p) => p.id === x.param) : null;
    return {
      text: orEmpty(x.text),
      param: orEmpty(x.param),
      value: orEmpty(x.value),
      min: orEmpty(x.min),
      max: orEmpty(x.max),
      unit: spec && spec.unit ? ` ${this.unitText(spec.unit)}` : '',
      expected: (x.expected || []).map((f) => `\`${f}\``).join(', '),
      want: x.want ? this.t(`want_${x.want}`) : '',
      to: orEmpty(x.to),
      presets: catalogue ? catalogue.presets.map((p) => p.id).join(', ') : '',
      model: catalogue ? catalogue.model_version : '',
    };
  }

  // A link notice, from its code and values.
  noticeText(n, catalogue) {
    return this.coded('notices', n.code, this.codedVars(n, catalogue));
  }

  // An input problem the model reported, from its code and values.
  problemText(p, catalogue) {
    return this.coded('problems', p.code, this.codedVars(p, catalogue));
  }

  // The message of an error thrown by the model (its problems, in this language) or any other.
  errorText(e, catalogue) {
    if (e && Array.isArray(e.problems)) return e.problems.map((p) => this.problemText(p, catalogue)).join('; ');
    return e && e.message ? e.message : String(e);
  }

  formatter(maxFrac, minFrac, compact) {
    const key = `${maxFrac}/${minFrac}/${compact ? 1 : 0}`;
    let f = this.numbers.get(key);
    if (!f) {
      const opts = { maximumFractionDigits: maxFrac, minimumFractionDigits: minFrac };
      if (compact) opts.notation = 'compact';
      f = new Intl.NumberFormat(this.locale, opts);
      this.numbers.set(key, f);
    }
    return f;
  }

  // A plain number with at most maxFrac decimals (and exactly minFrac when given).
  fmtNumber(value, maxFrac = 0, minFrac = 0) {
    if (value === null || value === undefined || !Number.isFinite(value)) return '–';
    const v = Object.is(value, -0) ? 0 : value;
    return this.formatter(maxFrac, Math.min(minFrac, maxFrac), false).format(v);
  }

  // Short axis labels: 5k, 10k in English; 5000, 1万 in Chinese.
  fmtCompact(value) {
    if (!Number.isFinite(value)) return '–';
    return this.formatter(1, 0, true).format(value);
  }

  // A percentage: one decimal below 10, none above (4.6%, 14%).
  fmtPct(value) {
    if (value === null || value === undefined || !Number.isFinite(value)) return '–';
    return `${this.fmtNumber(value, Math.abs(value) < 10 ? 1 : 0)}%`;
  }

  // Tonnes: "850 t", "9.3 kt" in English; "850 吨", "9,300 吨", "1.2 万吨" in Chinese.
  fmtTonnes(value) {
    if (!Number.isFinite(value)) return '–';
    const a = Math.abs(value);
    if (this.lang === 'zh') {
      if (a >= 1e4) return `${this.fmtNumber(value / 1e4, 2, 2)} 万吨`;
      return `${this.fmtNumber(value, a < 10 ? 1 : 0)} 吨`;
    }
    if (a >= 1e3) return `${this.fmtNumber(value / 1e3, a >= 1e5 ? 0 : 1, a >= 1e5 ? 0 : 1)} kt`;
    return `${this.fmtNumber(value, a < 10 ? 1 : 0)} t`;
  }

  // Millions of dollars: "$333 M", "$2.97 bn" in English; "3.33 亿美元" in Chinese.
  fmtMusd(value) {
    if (!Number.isFinite(value)) return '–';
    const a = Math.abs(value);
    if (this.lang === 'zh') {
      if (a >= 100) return `${this.fmtNumber(value / 100, 2)} 亿美元`;
      return `${this.fmtNumber(value, 1)} 百万美元`;
    }
    if (a >= 1e3) return `$${this.fmtNumber(value / 1e3, 2)} bn`;
    return `$${this.fmtNumber(value, a < 10 ? 1 : 0)} M`;
  }

  // Dollars: "$57" in English; "57美元" in Chinese (prices per kilogram).
  fmtUsd(value) {
    if (!Number.isFinite(value)) return '–';
    const d = Math.abs(value) < 10 ? 1 : 0;
    return this.lang === 'zh' ? `${this.fmtNumber(value, d)}美元` : `$${this.fmtNumber(value, d)}`;
  }

  // A parameter value with its unit, for aria-valuetext and tables ("5.1 %/yr", "90,900 t/yr").
  fmtParam(p, value) {
    if (p.options && p.options.length) return this.optionText(p.options[value] ?? String(value));
    if (p.unit === 'year') return String(value);
    const n = this.fmtNumber(value, paramDecimals(p, value));
    const u = this.unitText(p.unit);
    if (!u) return n;
    return u.startsWith('%') ? `${n}${u}` : `${n} ${u}`;
  }

  // A parameter value without its unit, for tables with a unit column.
  fmtParamNumber(p, value) {
    if (p.options && p.options.length) return this.optionText(p.options[value] ?? String(value));
    if (p.unit === 'year') return String(value);
    return this.fmtNumber(value, paramDecimals(p, value));
  }
}

// The number of decimals a slider step implies (0.1 -> 1, 0.01 -> 2, 5 -> 0).
export function stepDecimals(step) {
  const s = String(step);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

// The decimals needed to show a parameter value: the step's, or more when a typed value has more.
function paramDecimals(p, value) {
  const d = stepDecimals(p.step);
  for (let k = d; k < 7; k++) if (Number(Number(value).toFixed(k)) === value) return k;
  return 6;
}

// The text of a number entry box: no grouping, so that it reads back as typed.
export function fmtEntry(p, value) {
  return Number(value).toFixed(paramDecimals(p, value));
}

// Reads a typed number; "" and anything that is not a number give NaN (rejected by the model
// with its own message). Grouping commas and spaces are ignored; the decimal mark is "." in
// both languages, and the Chinese full-width forms are accepted too.
export function parseEntry(text) {
  const s = String(text)
    .replace(/[，,\s\u00a0\u202f]/g, '')
    .replace(/．/g, '.')
    .replace(/－/g, '-')
    .replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10));
  if (s === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return NaN;
  return Number(s);
}
