// The scenario store shared by the full page (main.js) and the element (embed.js): the chosen
// preset and the user's overrides of it, validation through the model, commit with rollback to
// the last settings the model accepted, and reading and writing share links and scenario text.
// It holds settings only; every figure comes from model.project().

export class ScenarioStore {
  // model: the API of model.js; fallbackPreset: the preset of an empty or unknown choice.
  constructor(model) {
    this.model = model;
    this.cat = model.catalogue;
    this.paramById = new Map(this.cat.params.map((p) => [p.id, p]));
    this.presetById = new Map(this.cat.presets.map((p) => [p.id, p]));
    this.defaultPreset = this.presetById.has('baseline') ? 'baseline' : this.cat.presets[0].id;
    this.preset = this.defaultPreset;
    this.presetValues = new Map();
    this.overrides = new Map();
    this.good = new Map();
    this.projection = null;
    this.baseProjection = null;
    // The scenario's name and notes (from a link, a file or the reader), kept in links and files.
    this.name = null;
    this.notes = null;
  }

  presetValueOf(id) {
    return this.presetValues.has(id) ? this.presetValues.get(id) : this.paramById.get(id).default;
  }

  valueOf(id) {
    return this.overrides.has(id) ? this.overrides.get(id) : this.presetValueOf(id);
  }

  isOverridden(id) {
    return this.overrides.has(id);
  }

  // Sets a value; equal to the preset's, it is no longer an override.
  setOverride(id, value) {
    if (value === this.presetValueOf(id)) this.overrides.delete(id);
    else this.overrides.set(id, value);
  }

  reset(id) {
    this.overrides.delete(id);
  }

  // Chooses a preset (unknown ids give the default) and drops the overrides except `keep` ids.
  setPreset(id, keep = []) {
    const preset = this.presetById.get(id) || this.presetById.get(this.defaultPreset);
    this.preset = preset.id;
    this.presetValues = new Map(preset.values);
    for (const k of [...this.overrides.keys()]) if (!keep.includes(k)) this.overrides.delete(k);
    this.baseProjection = this.model.project({ preset: this.preset });
    return preset;
  }

  // The preset, parameters, name and notes of a scenario object; unknown parameter ids are
  // dropped.
  // Own properties only: a host page may have set Object.prototype.preset.
  apply(s) {
    const own = (k) => (s && Object.hasOwn(s, k) ? s[k] : undefined);
    this.setPreset(own('preset'), []);
    for (const [k, v] of Object.entries(own('params') || {})) if (this.paramById.has(k)) this.setOverride(k, v);
    this.name = own('name') || null;
    this.notes = own('notes') || null;
  }

  // The scenario object the model and the files use (name and notes only when set).
  scenario() {
    const params = {};
    for (const [k, v] of this.overrides) params[k] = v;
    const s = { preset: this.preset, params };
    if (this.name) s.name = this.name;
    if (this.notes) s.notes = this.notes;
    return s;
  }

  // Checks one value against the catalogue; returns the model's error (show it with
  // I18n.errorText) or null.
  check(id, value) {
    try {
      this.model.checkValue(id, value);
      return null;
    } catch (e) {
      return e;
    }
  }

  // Runs the model on the current settings. Accepted: returns { projection }. Refused (e.g.
  // demand shares over 100%): the overrides go back to the last accepted ones and it returns
  // { error } with the model's error.
  commit() {
    try {
      this.projection = this.model.project(this.scenario());
    } catch (e) {
      this.overrides = new Map(this.good);
      return { error: e };
    }
    this.good = new Map(this.overrides);
    return { projection: this.projection };
  }

  // The share-link fragment (without #) of the current scenario and view options.
  link(view = {}) {
    return this.model.encodeLink(this.scenario(), view);
  }

  // Reads scenario text: a share link (full URL or fragment) or scenario-file JSON. Returns
  // { scenario, view, notices }; throws with the model's message for a bad file.
  read(text) {
    const s = String(text).trim();
    if (s.startsWith('{')) {
      const { scenario, notices } = this.model.scenarioFromJson(s);
      return { scenario, view: {}, notices };
    }
    const i = s.indexOf('#');
    if (!s || (i < 0 && /^[a-z]+:/i.test(s))) return { scenario: { params: {} }, view: {}, notices: [] };
    return this.model.decodeLink(i >= 0 ? s.slice(i + 1) : s);
  }
}

// The message of an error that is not the model's (a file that cannot be read, a PNG that
// cannot be drawn).
export function errorMessage(e) {
  return e && e.message ? e.message : String(e);
}
