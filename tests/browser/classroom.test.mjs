// The classroom in the page (issue 13): a challenge carried by the link, checked live and solved by
// the answer key's worked solution (docs/teaching/answer-key.md, generated from
// `classroom::solution`); the two-team match; the class gallery reading 30 links at once; levers a
// teacher's link locked staying locked after "Open scenario…", a preset change and a pasted link;
// the link builder's link opening the same view, with its QR code; download names; and axe-core
// on the classroom's panel and dialogs. On the multi-file page over http and on the single file.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, DIST_DIR, SINGLE_FILE, SINGLE_FILE_EXPECTED, withFreshPage, targetFixture, openTools, waitForRenderAfter, renderCount, tmpDir } from './util.mjs';

const TARGETS = [
  { name: `classroom, http page from ${DIST_DIR}`, kind: 'http' },
  { name: `classroom, single file ${SINGLE_FILE}`, kind: 'file', skip: SINGLE_FILE_EXPECTED ? false : 'single file not built' },
];

// The answer key's worked solution of each challenge, as link pairs: "- **id** ... one solution:
// `a=1`, `b=2`" (the key is generated from the model and a Rust test fails when it is stale).
function solutions() {
  const key = fs.readFileSync(path.join(REPO, 'docs', 'teaching', 'answer-key.md'), 'utf8');
  const out = {};
  for (const m of key.matchAll(/^- \*\*(\w+)\*\*.*one solution: (.*)$/gm)) out[m[1]] = [...m[2].matchAll(/`([\w.]+=[\d.]+)`/g)].map((x) => x[1]).join('&');
  return out;
}

const AXE = fs.readFileSync(path.join(REPO, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
async function axeViolations(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .map((v) => `${v.id}: ${v.nodes.length} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`));
}

const challengeState = (page) => page.evaluate(() => {
  const sec = document.getElementById('challenge');
  return sec && {
    title: document.getElementById('challenge-title').textContent,
    text: sec.textContent,
    success: sec.dataset.success,
    score: Number(document.getElementById('challenge-score').dataset.value),
    limits: [...sec.querySelectorAll('.ch-limits li')].map((li) => li.dataset.met),
  };
});

async function waitForChallenge(page, success) {
  await page.waitForFunction((s) => document.getElementById('challenge')?.dataset.success === s, String(success), { timeout: 5000 });
}

const rangeValue = async (page, id) => Number(await page.inputValue(`#in-${id}`));

for (const target of TARGETS) {
  describe(target.name, { skip: target.skip }, () => {
    const fx = targetFixture(target);
    const withPage = (opts, body) => withFreshPage(fx.browser, fx.url, opts, body);
    // The single file carries stand-ins for the classroom's tools (www/single-stubs/), so their
    // tests run on the published page, and the single file is checked for what it says instead.
    const published = { skip: target.kind === 'file' ? 'the single file leaves the classroom out' : false };

    test('a challenge link shows its goal and limits; the worked solution, opened as a link, succeeds', published, async () => {
      const sol = solutions();
      assert.deepEqual(Object.keys(sol).sort(), ['allies_first', 'half_by_2032', 'keep_the_lead', 'ride_out_the_ban']);
      await withPage({ hash: '#challenge=half_by_2032' }, async (page) => {
        await waitForChallenge(page, false);
        const s = await challengeState(page);
        assert.match(s.title, /Half by 2032/);
        assert.match(s.text, /2032 to at least 50%/);
        assert.match(s.text, /at most \$10 bn/);
        assert.ok(s.score >= 0 && s.score < 100, `${s.score}`);
        assert.deepEqual(s.limits, ['true']);
        // Progress after a change: more magnet investment moves the score up.
        const n = await renderCount(page);
        await page.fill('#num-invest_magnet_musd', '1000');
        await page.press('#num-invest_magnet_musd', 'Enter');
        await waitForRenderAfter(page, n);
        await page.waitForFunction((v) => Number(document.getElementById('challenge-score').dataset.value) > v, s.score);
        assert.equal((await challengeState(page)).success, 'false');
        // The answer key's solution, pasted as a link into the same page: success.
        await page.evaluate((h) => { location.hash = h; }, `challenge=half_by_2032&${sol.half_by_2032}`);
        await waitForChallenge(page, true);
        const done = await challengeState(page);
        assert.equal(done.score, 100);
        assert.match(done.text, /Challenge met/);
        assert.deepEqual(await axeViolations(page), [], 'axe-core with the challenge panel');
      });
      // Every challenge's solution, opened fresh (in Chinese for one of them).
      for (const [id, sets] of Object.entries(sol)) {
        await withPage({ hash: `#challenge=${id}&${sets}${id === 'keep_the_lead' ? '&lang=zh' : ''}` }, async (page) => {
          await waitForChallenge(page, true);
          const s = await challengeState(page);
          assert.equal(s.score, 100, id);
          if (id === 'keep_the_lead') assert.match(s.title, /挑战：保持领先/);
        });
      }
    });

    test('an unknown challenge is a notice naming the field and the allowed ids; the rest of the link opens', async () => {
      await withPage({ hash: '#challenge=win_everything&invest_magnet_musd=500&theme=dark' }, async (page) => {
        await page.waitForFunction(() => document.querySelector('#alert').classList.contains('shown'));
        const text = await page.textContent('#alert-text');
        assert.match(text, /`challenge`/);
        assert.match(text, /win_everything/);
        for (const id of ['half_by_2032', 'ride_out_the_ban', 'allies_first', 'keep_the_lead']) assert.match(text, new RegExp(id));
        assert.equal(await rangeValue(page, 'invest_magnet_musd'), 500);
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
        assert.equal(await page.$('#challenge'), null);
      });
    });

    test('the single file says where a challenge and the class tools are', { skip: target.kind === 'file' ? false : 'the published page has them' }, async () => {
      await withPage({ hash: '#challenge=half_by_2032&invest_magnet_musd=500' }, async (page) => {
        await page.waitForFunction(() => /half_by_2032/.test(document.getElementById('challenge')?.textContent || ''));
        assert.match(await page.textContent('#challenge'), /published calculator/);
        assert.equal(await rangeValue(page, 'invest_magnet_musd'), 500);
        await openTools(page);
        await page.click('#class-gallery');
        await page.waitForFunction(() => /class gallery are in the published calculator/.test(document.body.textContent));
        assert.deepEqual(await axeViolations(page), [], 'axe-core with the single file\'s notes');
      });
    });

    test('locked levers keep their values after Open scenario…, a preset change and a pasted link', async () => {
      // invest_magnet_musd locked at the link's 700; demand growth locked with no value keeps the
      // value it had (the baseline's).
      await withPage({ hash: '#invest_magnet_musd=700&lock=invest_magnet_musd,demand_growth_pct_per_yr' }, async (page) => {
        const demand0 = await rangeValue(page, 'demand_growth_pct_per_yr');
        const check = async (what) => {
          assert.equal(await rangeValue(page, 'invest_magnet_musd'), 700, `${what}: invest_magnet_musd`);
          assert.equal(await rangeValue(page, 'demand_growth_pct_per_yr'), demand0, `${what}: demand growth`);
          assert.equal(await page.isDisabled('#in-invest_magnet_musd'), true, `${what}: still locked`);
          assert.equal(await page.isDisabled('#in-demand_growth_pct_per_yr'), true, `${what}: still locked`);
        };
        // A preset whose demand growth differs from the baseline's.
        const presets = await page.evaluate(() => window.__model.catalogue.presets.filter((p) => p.values.some(([id]) => id === 'demand_growth_pct_per_yr')).map((p) => p.id));
        assert.ok(presets.length, 'a preset that changes demand growth');
        let n = await renderCount(page);
        await page.selectOption('#preset', presets[0]);
        await waitForRenderAfter(page, n);
        await check(`preset ${presets[0]}`);
        // A scenario file that sets both.
        const dir = tmpDir('rare-earth-class-');
        const file = path.join(dir, 'other.json');
        fs.writeFileSync(file, JSON.stringify({ schema: 2, preset: 'us_push', params: { invest_magnet_musd: 100, demand_growth_pct_per_yr: 9, ramp_years: 3 } }));
        n = await renderCount(page);
        await page.setInputFiles('#scenario-file', file);
        await waitForRenderAfter(page, n);
        assert.equal(await page.inputValue('#preset'), 'us_push');
        await check('Open scenario…');
        // A pasted link without locks.
        n = await renderCount(page);
        await page.evaluate(() => { location.hash = 'v=2&invest_magnet_musd=1234&demand_growth_pct_per_yr=2'; });
        await waitForRenderAfter(page, n);
        await check('pasted link');
        // Reset all too.
        n = await renderCount(page);
        await page.click('#reset-all');
        await waitForRenderAfter(page, n);
        await check('reset all');
      });
    });

    test('the two team links combine into one match with both sides\' payoffs, year by year', published, async () => {
      await withPage({}, async (page) => {
        await openTools(page);
        await page.click('#class-match');
        await page.fill('#cm-us', 'https://example.org/calc/#v=2&preset=us_push&tariff_cn_magnets_pct=25&name=Team%20A');
        // China's team also moved a US lever (the tariff): ignored, and said so.
        await page.fill('#cm-china', '#v=2&preset=us_push&price_strategy_pct=80&price_strategy_years=5&tariff_cn_magnets_pct=10');
        await page.click('#cm-go');
        await page.waitForSelector('#cm-years');
        const href = await page.getAttribute('#cm-open', 'href');
        assert.match(href, /preset=us_push/);
        assert.match(href, /tariff_cn_magnets_pct=25/);
        assert.match(href, /price_strategy_pct=80/);
        assert.match(await page.textContent('#cm-result'), /tariff_cn_magnets_pct/);
        // Both sides' payoffs, from the model's projection of the combined scenario.
        const expected = await page.evaluate((h) => {
          const m = window.__model;
          return m.project(m.decodeLink(h.slice(h.indexOf('#') + 1)).scenario).summary;
        }, href);
        const shown = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#cm-boards output')].map((o) => [o.id, Number(o.dataset.value)])));
        assert.equal(shown['cm-usChain'], expected.us_chain_self_sufficiency_2030_pct);
        assert.equal(shown['cm-cnShare'], expected.china_share_separation_2030_pct);
        assert.equal(shown['cm-cnForgone'], expected.cumulative_china_revenue_forgone_musd);
        assert.ok(shown['cm-cnForgone'] > 0 && shown['cm-usTariff'] > 0, 'both teams\' moves are in the match');
        const years = await page.$$eval('#cm-years tbody tr', (rows) => rows.length);
        assert.ok(years >= 17, `${years} years`);
        assert.equal(await page.$$eval('#cm-years thead th', (c) => c.length), 7);
        assert.deepEqual(await axeViolations(page), [], 'axe-core with the match dialog open');
        // A bad link: a clear message, nothing else lost.
        await page.fill('#cm-china', '{"schema": 2, "params": {"price_strategy_pct": 999}}');
        await page.click('#cm-go');
        await page.waitForFunction(() => document.getElementById('cm-msg').textContent.length > 0);
        assert.match(await page.textContent('#cm-msg'), /price_strategy_pct/);
      });
    });

    test('the class gallery reads 30 links at once, sorts them, charts them and names the bad ones', published, async () => {
      await withPage({}, async (page) => {
        const text = await page.evaluate(() => Array.from({ length: 30 }, (_, i) => {
          const frag = window.__model.encodeLink({ preset: 'baseline', params: { invest_magnet_musd: i * 100 } }, {});
          return i % 3 === 0 ? `Student ${i + 1}\thttps://example.org/#${frag}` : i % 3 === 1 ? `Student ${i + 1}: #${frag}` : `https://example.org/#${frag}&name=Student%20${i + 1}`;
        }).join('\n'));
        await openTools(page);
        await page.click('#class-gallery');
        // Three bad entries: no scenario in the link, a value out of range (a link that lost a
        // setting is not shown with other numbers), a scenario file's text with a bad value.
        await page.fill('#cg-text', `${text}\nBroken: https://example.org/no-scenario-here\nToo much: #v=2&invest_magnet_musd=999999\n{"schema": 2, "params": {"ramp_years": -4}}`);
        await page.click('#cg-go');
        await page.waitForSelector('#cg-table tbody tr');
        const rows = await page.$$eval('#cg-table tbody tr', (trs) => trs.map((tr) => ({ name: tr.cells[0].textContent, bad: tr.classList.contains('bad'), first: tr.cells[1].dataset.value, text: tr.cells[1].textContent })));
        assert.equal(rows.length, 33);
        const good = rows.filter((r) => !r.bad);
        assert.equal(good.length, 30);
        assert.deepEqual(good.map((r) => r.name).sort(), Array.from({ length: 30 }, (_, i) => `Student ${i + 1}`).sort());
        // Sorted by the first figure, largest first.
        const firsts = good.map((r) => Number(r.first));
        assert.deepEqual(firsts, [...firsts].sort((a, b) => b - a));
        assert.equal(good[0].name, 'Student 30');
        const bad = rows.filter((r) => r.bad);
        assert.equal(bad.length, 3);
        assert.match(bad.find((r) => r.name === 'Broken').text, /Not read: not a link/);
        assert.match(bad.find((r) => r.name === 'Too much').text, /invest_magnet_musd` must be between 0 and 5000/);
        assert.match(bad.find((r) => !['Broken', 'Too much'].includes(r.name)).text, /ramp_years/);
        assert.match(await page.textContent('#cg-count'), /30 .*3/);
        // One curve per good scenario on one chart.
        assert.equal(await page.$$eval('#chart-gallery path.line:not(.base):not(.cmp)[data-series]', (p) => p.filter((x) => x.getAttribute('d')).length), 30);
        // Sort by name.
        await page.click('#cg-table th button[data-col="0"]');
        const names = await page.$$eval('#cg-table tbody tr:not(.bad) th', (t) => t.map((x) => x.textContent));
        assert.equal(names[0], 'Student 1');
        assert.equal(await page.getAttribute('#cg-table th:first-child', 'aria-sort'), 'ascending');
        assert.deepEqual(await axeViolations(page), [], 'axe-core with the gallery open');
      });
    });

    test('the link builder\'s link opens the same view, and its QR code is an SVG', published, async () => {
      let link;
      await withPage({}, async (page) => {
        await openTools(page);
        await page.click('#class-builder');
        await page.waitForSelector('#cb-qr svg path');
        await page.selectOption('#cb-challenge', 'keep_the_lead');
        assert.equal(await page.inputValue('#cb-preset'), 'us_push');
        assert.equal(await page.inputValue('#cb-side'), 'china');
        await page.selectOption('#cb-theme', 'projector');
        await page.selectOption('#cb-lang', 'zh');
        await page.check('#cb-hide-group-markets');
        await page.selectOption('#cb-lock', ['ban1_severity_pct']);
        await page.waitForFunction(() => /challenge=keep_the_lead/.test(document.getElementById('cb-link').value) && /ban1_severity_pct/.test(document.getElementById('cb-link').value));
        link = await page.inputValue('#cb-link');
        const svg = await page.$eval('#cb-qr svg', (s) => ({ path: s.querySelector('path').getAttribute('d').length, label: s.getAttribute('aria-label'), title: s.querySelector('title').textContent }));
        assert.ok(svg.path > 500, 'the QR code has modules');
        assert.ok(svg.label && svg.title);
        assert.deepEqual(await axeViolations(page), [], 'axe-core with the builder open');
        // The QR code downloads as SVG, named from the scenario and the date.
        const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#cb-qr-download')]);
        assert.match(dl.suggestedFilename(), /^rare-earth-baseline-qr-\d{4}-\d\d-\d\d\.svg$/);
        assert.match(fs.readFileSync(await dl.path(), 'utf8'), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      });
      assert.ok(link.startsWith(fx.url.split('#')[0]), link);
      await withPage({ hash: link.slice(link.indexOf('#')) }, async (page) => {
        await waitForChallenge(page, false);
        assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'projector');
        assert.equal(await page.inputValue('#preset'), 'us_push');
        assert.match((await challengeState(page)).title, /保持领先/);
        // The China team's link: US levers locked, China's free; ban1_severity_pct locked by hand.
        assert.equal(await page.isDisabled('#in-invest_magnet_musd'), true);
        assert.equal(await page.isDisabled('#in-price_strategy_pct'), false);
        assert.equal(await page.isDisabled('#in-ban1_severity_pct'), true);
        assert.equal(await page.isVisible('details.group[data-group="markets"]'), false);
        // The address bar, once written, is the same view.
        const view = await page.evaluate(() => window.__model.decodeLink(location.hash.slice(1)).view);
        assert.equal(view.challenge, 'keep_the_lead');
      });
    });

    test('downloads are named from the scenario\'s name and the date, with a fallback', async () => {
      await withPage({}, async (page) => {
        await openTools(page);
        const save = async () => {
          const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#save-scenario')]);
          return dl.suggestedFilename();
        };
        const today = new Date().toISOString().slice(0, 10);
        assert.equal(await save(), `rare-earth-baseline-${today}.json`);
        await page.fill('#scenario-name', 'My plan! (v2)');
        assert.equal(await save(), `my-plan-v2-${today}.json`);
        await page.fill('#scenario-name', '../..//');
        assert.equal(await save(), `rare-earth-baseline-${today}.json`);
        await page.fill('#scenario-name', '第三组');
        assert.equal(await save(), `第三组-${today}.json`);
        const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
        assert.equal(csv.suggestedFilename(), `第三组-projection-${today}.csv`);
      });
    });
  });
}
