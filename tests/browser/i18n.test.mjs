// The string tables (www/i18n/LANG.json) against the model's catalogue: every language the
// catalogue lists has a table; every table has every UI key English has (and no key English
// lacks), the same {placeholders} as English, a sentence for every warning, event, notice and
// problem code the model can emit, every event kind, group, theme and grade; and every language
// but English translates every parameter, preset, choice, unit and charted series of the
// catalogue and describes every parameter (www/i18n/params.LANG.json, no unknown id). The catalogue is read from the built page, so new codes from the model are checked.

import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, REPO, DIST_DIR } from './util.mjs';
import { serve } from '../../xtask/server.mjs';
import { makeChartSpecs } from '../../www/specs.js';
import { moreSpecs } from '../../www/specs-more.js';

const TABLES = path.join(REPO, 'www', 'i18n');
const table = (lang) => JSON.parse(fs.readFileSync(path.join(TABLES, `${lang}.json`), 'utf8'));
const placeholders = (s) => [...String(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// Keys of `want` missing from `have`, as "section.key".
function missing(section, want, have) {
  return want.filter((k) => !(have && Object.hasOwn(have, k))).map((k) => `${section}.${k}`);
}

describe('string tables', () => {
  let catalogue;
  before(async () => {
    const server = await serve(DIST_DIR);
    const browser = await launch();
    try {
      const page = await browser.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => window.__model, null, { timeout: 15000 });
      catalogue = await page.evaluate(() => window.__model.catalogue);
    } finally {
      await browser.close();
      await server.close();
    }
  });

  test('every language has a table and no key is missing in any of them', () => {
    const en = table('en');
    // The string tables are LANG.json; params.LANG.json hold the parameters' descriptions.
    const files = fs.readdirSync(TABLES).filter((f) => /^[a-z]{2}\.json$/.test(f)).map((f) => f.slice(0, -5)).sort();
    assert.deepEqual(files, [...catalogue.langs].sort(), 'one table per catalogue language');
    const uiKeys = Object.keys(en.ui);
    const needUi = [
      ...catalogue.event_kinds.map((k) => `ev_${k}`),
      ...catalogue.groups.map((g) => `group_${g}`),
      ...catalogue.themes.map((t) => `theme_${t}`),
      ...[...new Set(catalogue.params.map((p) => p.grade))].map((g) => `grade_${g}`),
    ];
    for (const lang of catalogue.langs) {
      const tb = table(lang);
      const gaps = [
        ...missing('ui', uiKeys.concat(needUi), tb.ui),
        ...missing('warnings', catalogue.warning_codes, tb.warnings),
        ...missing('events', catalogue.event_codes, tb.events),
        ...missing('notices', catalogue.notice_codes, tb.notices),
        ...missing('problems', catalogue.problem_codes, tb.problems),
      ];
      assert.deepEqual(gaps, [], `${lang}.json lacks keys`);
      assert.deepEqual(Object.keys(tb.ui).filter((k) => !(k in en.ui)), [], `${lang}.json has UI keys English lacks`);
      // A translation quotes the same values as the English sentence.
      for (const section of ['ui', 'warnings', 'events', 'notices', 'problems']) {
        for (const [k, s] of Object.entries(en[section])) {
          assert.deepEqual(placeholders(tb[section][k]), placeholders(s), `${lang}.json ${section}.${k} placeholders`);
        }
      }
    }
  });

  // The classroom's strings load with its code (www/classroom-i18n/LANG.json): every language
  // has the same keys with the same placeholders, every challenge has its title, goal and limit,
  // and none repeats a key of the page's tables (whose value would win).
  test('the classroom tables match English, cover every challenge and stay apart from the page tables', () => {
    const dir = path.join(REPO, 'www', 'classroom-i18n');
    const ct = (lang) => JSON.parse(fs.readFileSync(path.join(dir, `${lang}.json`), 'utf8'));
    const files = fs.readdirSync(dir).filter((f) => /^[a-z]{2}\.json$/.test(f)).map((f) => f.slice(0, -5)).sort();
    assert.deepEqual(files, [...catalogue.langs].sort(), 'one classroom table per catalogue language');
    const en = ct('en');
    const need = catalogue.challenges.flatMap((c) => ['t', 'g', 'l'].map((k) => `ch_${k}_${c.id}`));
    assert.deepEqual(need.filter((k) => !(k in en)), [], 'classroom/en.json lacks a challenge text');
    for (const lang of catalogue.langs) {
      const tb = ct(lang);
      assert.deepEqual(Object.keys(tb).sort(), Object.keys(en).sort(), `classroom/${lang}.json keys`);
      for (const [k, s] of Object.entries(en)) {
        assert.deepEqual(placeholders(tb[k]), placeholders(s), `classroom/${lang}.json ${k} placeholders`);
      }
      const page = table(lang).ui;
      assert.deepEqual(Object.keys(tb).filter((k) => k in page), [], `classroom/${lang}.json repeats keys of ${lang}.json`);
    }
  });

  test('every language but English translates the catalogue it shows', () => {
    const charted = new Set();
    for (const spec of makeChartSpecs(new Map(), () => null, moreSpecs)) {
      for (const s of spec.series) charted.add(s.id);
      if (spec.area) charted.add(spec.area.value);
    }
    for (const id of charted) assert.ok(catalogue.series.some((s) => s.id === id), `charted series ${id} is in the catalogue`);
    for (const lang of catalogue.langs.filter((l) => l !== 'en')) {
      const tb = table(lang);
      const gaps = [
        ...missing('params', catalogue.params.map((p) => p.id), tb.params),
        ...missing('presets', catalogue.presets.map((p) => p.id), tb.presets),
        ...missing('options', [...new Set(catalogue.params.flatMap((p) => p.options))], tb.options),
        ...missing('units', [...new Set(catalogue.params.map((p) => p.unit).filter(Boolean))], tb.units),
        ...missing('series', [...charted], tb.series),
      ];
      assert.deepEqual(gaps, [], `${lang}.json lacks translations`);
    }
  });

  test('every language but English describes every parameter, and only those', () => {
    const ids = catalogue.params.map((p) => p.id);
    for (const lang of catalogue.langs.filter((l) => l !== 'en')) {
      const descs = JSON.parse(fs.readFileSync(path.join(TABLES, `params.${lang}.json`), 'utf8')).params;
      assert.deepEqual(ids.filter((id) => !(typeof descs[id] === 'string' && descs[id].trim())), [], `params.${lang}.json lacks descriptions`);
      assert.deepEqual(Object.keys(descs).filter((id) => !ids.includes(id)), [], `params.${lang}.json describes unknown parameters`);
    }
  });
});

