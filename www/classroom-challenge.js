// The challenge panel (issue 13): a class challenge carried by the link (`challenge=<id>`), its
// goal and limits, and after every change the model's check of the scenario on screen: the score,
// the goal's value now against the start and the target, each limit, and success. Loaded only for
// a link with a challenge. The wording is in the string tables (`ch_*`); every number is the
// model's (`check_challenge`).

import { el } from './dom.js';
import { injectStyle } from './classroom-css.js';
import './classroom-strings.js';
import { checkChallenge, classroomBindings } from './classroom-model.js';

// A measure's value in words: `..._pct` as a percentage, `..._t` in tonnes, `..._musd` in $M.
export function fmtMeasure(L, measure, v) {
  const id = measure.split('@')[0];
  if (id.endsWith('_pct')) return L.fmtPct(v);
  if (id.endsWith('_t')) return L.fmtTonnes(v);
  if (id.endsWith('_musd')) return L.fmtMusd(v);
  return L.fmtNumber(v, 1);
}

export const goalOp = (g) => (g.at_most ? '≤' : '≥');

export class ChallengePanel {
  // main: where the panel goes, before `before`; ctx: { catalogue, scenario() }.
  constructor(main, before, ctx) {
    injectStyle();
    this.ctx = ctx;
    const sec = el('section', 'challenge');
    sec.id = 'challenge';
    sec.setAttribute('aria-labelledby', 'challenge-title');
    main.insertBefore(sec, before);
    this.sec = sec;
    this.title = el('h2', '', sec);
    this.title.id = 'challenge-title';
    this.side = el('span', 'ch-side', sec);
    this.goal = el('p', 'ch-goal', sec);
    const row = el('div', 'ch-row', sec);
    this.now = el('span', 'ch-now', row);
    this.limits = el('ul', 'ch-limits', row);
    const bar = el('div', 'ch-bar', sec);
    this.meter = el('progress', '', bar);
    this.meter.max = 100;
    this.meter.id = 'challenge-meter';
    this.meter.setAttribute('aria-labelledby', 'challenge-score');
    this.score = el('output', 'ch-score', bar);
    this.score.id = 'challenge-score';
    // Success (and losing it) is announced; the rest is read on demand.
    this.done = el('p', 'ch-done', bar);
    this.done.setAttribute('role', 'status');
    this.key = null;
    // The bindings with the challenge check (a second module on the published page): the panel
    // renders once they are there.
    this.wasm = null;
    this.ready = classroomBindings().then((w) => {
      this.wasm = w;
    });
  }

  set(id) {
    this.id = id;
    this.key = null;
  }

  render(L) {
    const { catalogue } = this.ctx;
    const ch = catalogue.challenges.find((c) => c.id === this.id);
    if (!ch) return;
    if (!this.wasm) {
      // Once, with the latest language: renders asked for meanwhile are the same render.
      if (!this.waiting) {
        this.ready.then(() => this.render(this.waiting), (e) => {
          this.now.textContent = this.waiting.t('load_failed', { message: e.message });
        });
      }
      this.waiting = L;
      return;
    }
    let r;
    try {
      r = checkChallenge(this.wasm, ch.id, this.ctx.scenario());
    } catch (e) {
      this.now.textContent = L.errorText(e, catalogue);
      return;
    }
    const key = `${L.lang}|${JSON.stringify(r)}`;
    if (key === this.key) return;
    this.key = key;
    const preset = catalogue.presets.find((p) => p.id === ch.preset);
    this.title.textContent = L.t('ch_heading', { title: L.t(`ch_t_${ch.id}`) });
    this.side.textContent = L.t('ch_side', { team: L.t(`team_${ch.side}`), preset: L.presetName(preset) });
    this.goal.textContent = L.t(`ch_g_${ch.id}`);
    const g = ch.goal;
    this.now.textContent = L.t('ch_now', {
      value: fmtMeasure(L, g.measure, r.goal_value),
      start: fmtMeasure(L, g.measure, r.start_value),
      goal: `${goalOp(g)} ${fmtMeasure(L, g.measure, g.target)}`,
    });
    this.now.dataset.value = String(r.goal_value);
    this.limits.textContent = '';
    ch.limits.forEach((l, i) => {
      const li = el('li', '', this.limits, `${L.t(`ch_l_${ch.id}`)} ${L.t('ch_limit_now', { value: fmtMeasure(L, l.measure, r.limits[i].value), limit: `${goalOp(l)} ${fmtMeasure(L, l.measure, l.target)}` })} `);
      el('span', r.limits[i].met ? 'ch-ok' : 'ch-broken', li, L.t(r.limits[i].met ? 'ch_holds' : 'ch_broken'));
      li.dataset.met = String(r.limits[i].met);
    });
    const score = Math.round(r.score * 10) / 10;
    this.meter.value = score;
    this.score.textContent = L.t('ch_score', { score: L.fmtNumber(score, 1) });
    this.score.dataset.value = String(r.score);
    this.sec.classList.toggle('ch-success', r.success);
    this.sec.dataset.success = String(r.success);
    const done = r.success ? L.t('ch_success') : r.goal_met ? L.t('ch_goal_but_limit') : L.t('ch_not_yet');
    if (this.done.textContent !== done) this.done.textContent = done;
  }
}
