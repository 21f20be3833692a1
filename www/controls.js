// The lever panel, built from the parameter catalogue: one slider + number entry + reset per
// numeric parameter, a select for choices, grouped as the catalogue says, with advanced
// (calibration) parameters folded away. Adding a parameter in Rust adds its control here.
// This module only shows values and reports user actions; main.js owns the state.

import { fmtEntry, stepDecimals } from './i18n.js';
import { el as ctlEl } from './dom.js';

// The catalogue's groups in its order, then any group a parameter names that the list lacks.
export function groupOrder(catalogue) {
  const listed = catalogue.groups || [];
  return listed.concat([...new Set(catalogue.params.map((p) => p.group))].filter((g) => !listed.includes(g)));
}

export class Controls {
  // handlers: { onInput(id, value, timeStamp), onCommit(id, text, timeStamp) -> bool, onReset(id),
  //             valueOf(id), presetValueOf(id), isOverridden(id) }; i18n(): the current language.
  // With deferAdvanced, the folded advanced levers are built when first opened or when
  // buildDeferred() is called (the page calls it once the first screen is up). With mainHost, the
  // catalogue's main levers (`main_levers`, in its order) are built there, the others in their
  // groups in `host`; with both, and `host` inside a closed <details>, those others wait too.
  constructor(host, catalogue, handlers, i18n, { deferAdvanced = false, mainHost = null } = {}) {
    this.L = i18n;
    this.host = host;
    this.params = catalogue.params;
    this.h = handlers;
    this.rows = new Map();
    this.groups = [];
    this.openTip = null;
    this.hiddenList = [];
    this.lockedList = [];
    const main = mainHost ? catalogue.main_levers || [] : [];
    for (const id of main) {
      const p = this.params.find((q) => q.id === id);
      if (p) this.buildRow(p, mainHost);
    }
    // With main levers on the first screen, the others wait in their folded panel ("More
    // levers") until it opens or buildDeferred() is called: building them was most of the time
    // between the model being ready and the first screen (~15 of 16 ms warm, more when cold).
    const outer = mainHost && deferAdvanced ? host.closest('details') : null;
    const deferRest = !!outer && !outer.open;
    if (deferRest) outer.addEventListener('toggle', () => outer.open && this.buildDeferred());
    const groups = groupOrder(catalogue);
    for (const g of groups) {
      const ps = this.params.filter((p) => p.group === g && !main.includes(p.id));
      if (!ps.length) continue;
      const det = ctlEl('details', 'group', host);
      det.open = true;
      det.dataset.group = g;
      const sum = ctlEl('summary', '', det);
      const h = ctlEl('h2', 'group-title', sum);
      const list = ctlEl('div', 'params', det);
      const adv = ps.filter((p) => p.advanced);
      let advDet = null;
      let advSum = null;
      let advList = null;
      // Rows still to build, each with where it goes, in display order.
      const pending = [];
      for (const p of ps.filter((q) => !q.advanced)) {
        if (deferRest) pending.push([p, list]);
        else this.buildRow(p, list);
      }
      if (adv.length) {
        advDet = ctlEl('details', 'advanced', det);
        advSum = ctlEl('summary', '', advDet);
        advList = ctlEl('div', 'params', advDet);
        if (deferAdvanced) {
          advDet.addEventListener('toggle', () => this.buildDeferred());
          for (const p of adv) pending.push([p, advList]);
        } else for (const p of adv) this.buildRow(p, advList);
      }
      this.groups.push({ g, h, det, ps, adv, nAdv: adv.length, advSum, advList, advDet, pending });
    }
    // Document listeners are kept so that destroy() can remove them (embedded controls).
    this.onDocKey = (e) => {
      if (e.key === 'Escape' && this.openTip) this.closeTip(this.openTip, true);
    };
    this.onDocPointer = (e) => {
      if (this.openTip && !e.composedPath().includes(this.openTip.row)) this.closeTip(this.openTip, false);
    };
    document.addEventListener('keydown', this.onDocKey);
    document.addEventListener('pointerdown', this.onDocPointer);
    this.relabel();
  }

  // Builds the advanced levers that were deferred, in the current language and state.
  buildDeferred() {
    const built = [];
    for (const g of this.groups) {
      for (const [p, parent] of g.pending) {
        this.buildRow(p, parent);
        built.push(this.rows.get(p.id));
      }
      g.pending = [];
    }
    if (!built.length) return;
    for (const r of built) {
      this.labelRow(r);
      r.row.hidden = this.isHidden(r.p);
    }
    this.setLocked(this.lockedList);
  }

  isHidden(p) {
    return this.hiddenList.includes(p.id) || this.hiddenList.includes(p.group);
  }

  destroy() {
    document.removeEventListener('keydown', this.onDocKey);
    document.removeEventListener('pointerdown', this.onDocPointer);
  }

  // The focused element in the controls' own document or shadow root.
  active() {
    return this.host.getRootNode().activeElement;
  }

  buildRow(p, parent) {
    const id = p.id;
    const row = ctlEl('div', 'param', parent);
    row.dataset.param = id;
    // Its group too: the compact frame's rule (index.html) shows levers by id or by group.
    row.dataset.group = p.group;
    row.id = `param-${id}`;
    const head = ctlEl('div', 'p-head', row);
    const label = ctlEl('label', 'p-label', head);
    label.htmlFor = `in-${id}`;
    label.id = `lab-${id}`;
    // The grade badge (A/B/C) shows how much weight a default bears; levers and settings have none.
    const grade = p.grade === '-' ? null : ctlEl('span', `grade grade-${p.grade}`, head, p.grade);
    if (grade) {
      grade.setAttribute('aria-hidden', 'true');
      grade.title = this.L().t(`grade_${p.grade}`);
    }
    const info = ctlEl('button', 'info', head, 'i');
    info.type = 'button';
    info.setAttribute('aria-expanded', 'false');
    info.setAttribute('aria-controls', `tip-${id}`);

    const ctl = ctlEl('div', 'p-ctl', row);
    const r = { p, row, label, info, grade, range: null, num: null, select: null, unit: null, reset: null, tip: null, shown: undefined, invalid: false, pinned: false };
    if (p.options && p.options.length) {
      const sel = ctlEl('select', 'p-select', ctl);
      sel.id = `in-${id}`;
      p.options.forEach((o, i) => {
        const opt = ctlEl('option', '', sel, o);
        opt.value = String(i);
      });
      sel.setAttribute('aria-describedby', `tip-${id}`);
      sel.addEventListener('change', (e) => this.h.onInput(id, Number(sel.value), e.timeStamp));
      r.select = sel;
    } else {
      const range = ctlEl('input', 'p-range', ctl);
      range.type = 'range';
      range.id = `in-${id}`;
      range.min = String(p.min);
      range.max = String(p.max);
      range.step = String(p.step);
      range.setAttribute('aria-describedby', `tip-${id}`);
      range.addEventListener('input', (e) => {
        const v = Number(range.value);
        this.setEntryText(r, fmtEntry(p, v));
        this.h.onInput(id, v, e.timeStamp);
      });
      const num = ctlEl('input', 'p-num', ctl);
      num.type = 'text';
      num.inputMode = 'decimal';
      num.autocomplete = 'off';
      num.spellcheck = false;
      num.id = `num-${id}`;
      num.size = Math.max(4, Math.min(9, String(Math.round(p.max)).length + stepDecimals(p.step) + 2));
      num.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          this.commit(r, e.timeStamp);
        } else if (e.key === 'Escape') {
          this.revertEntry(r);
        }
      });
      num.addEventListener('change', (e) => this.commit(r, e.timeStamp));
      num.addEventListener('blur', () => {
        // A rejected entry does not stay on screen: the box shows the value in force again.
        if (r.invalid) this.revertEntry(r);
      });
      r.range = range;
      r.num = num;
      r.unit = ctlEl('span', 'p-unit', ctl);
    }
    const reset = ctlEl('button', 'reset', ctl, '↺');
    reset.type = 'button';
    reset.addEventListener('click', () => this.h.onReset(id));
    r.reset = reset;

    const tip = ctlEl('div', 'tip', row);
    tip.id = `tip-${id}`;
    tip.setAttribute('role', 'tooltip');
    tip.hidden = true;
    r.tip = tip;

    info.addEventListener('click', () => {
      if (r.pinned) this.closeTip(r, false);
      else {
        r.pinned = true;
        this.showTip(r);
      }
    });
    info.addEventListener('mouseenter', () => this.showTip(r));
    info.addEventListener('focus', () => this.showTip(r));
    info.addEventListener('mouseleave', () => {
      if (!r.pinned && this.active() !== info) this.hideTip(r);
    });
    info.addEventListener('blur', () => {
      if (!r.pinned) this.hideTip(r);
    });
    this.rows.set(id, r);
  }

  showTip(r) {
    if (this.openTip && this.openTip !== r) this.closeTip(this.openTip, false);
    if (r.tipDirty) this.fillTip(r);
    r.tip.hidden = false;
    r.info.setAttribute('aria-expanded', 'true');
    this.openTip = r;
  }

  hideTip(r) {
    r.tip.hidden = true;
    r.info.setAttribute('aria-expanded', 'false');
    if (this.openTip === r) this.openTip = null;
  }

  closeTip(r, focusButton) {
    r.pinned = false;
    this.hideTip(r);
    if (focusButton && r.row.contains(this.active())) r.info.focus();
  }

  // Rewrites the open tip (its "why" follows the projection).
  refreshTip() {
    if (this.openTip) this.fillTip(this.openTip);
  }

  commit(r, ts) {
    const text = r.num.value;
    if (!r.invalid && text === fmtEntry(r.p, this.h.valueOf(r.p.id))) return;
    this.h.onCommit(r.p.id, text, ts);
  }

  revertEntry(r) {
    this.setEntryText(r, fmtEntry(r.p, this.h.valueOf(r.p.id)), true);
  }

  setEntryText(r, text, force) {
    if (!r.num) return;
    if (!force && r.invalid && this.active() === r.num) return;
    if (r.num.value !== text) r.num.value = text;
  }

  // Flags a rejected entry; it stays flagged until a value for this parameter is accepted.
  markInvalid(id, invalid) {
    const r = this.rows.get(id);
    if (!r) return;
    r.invalid = invalid;
    const el = r.num || r.select;
    if (invalid) {
      el.setAttribute('aria-invalid', 'true');
      el.setAttribute('aria-errormessage', 'alert');
    } else {
      el.removeAttribute('aria-invalid');
      el.removeAttribute('aria-errormessage');
    }
    r.row.classList.toggle('invalid', invalid);
  }

  // Levers a link has locked stay visible but cannot be moved.
  setLocked(ids) {
    this.lockedList = ids;
    for (const r of this.rows.values()) {
      const locked = ids.includes(r.p.id);
      if (r.locked === locked) continue;
      r.locked = locked;
      for (const el of [r.range, r.num, r.select]) if (el) el.disabled = locked;
      r.row.classList.toggle('locked', locked);
      r.over = undefined;
    }
    this.relabelLocks();
    this.sync();
  }

  relabelLocks() {
    for (const r of this.rows.values()) {
      let note = r.row.querySelector('.lock-note');
      if (r.locked && !note) note = ctlEl('span', 'lock-note', r.row.querySelector('.p-head'));
      if (note) {
        note.hidden = !r.locked;
        note.textContent = r.locked ? this.L().t('locked') : '';
      }
    }
  }

  // Hides the levers (ids) and groups (group names) a link asks to hide.
  setHidden(list) {
    this.hiddenList = list;
    for (const r of this.rows.values()) r.row.hidden = this.isHidden(r.p);
    for (const g of this.groups) {
      g.det.hidden = list.includes(g.g) || g.ps.every((p) => this.isHidden(p));
      if (g.advDet) g.advDet.hidden = g.adv.every((p) => this.isHidden(p));
    }
  }

  // Shows `text` under one lever (and removes it from any other); id null clears it.
  rowMessage(id, text) {
    if (this.msgRow && this.msgRow.p.id !== id) {
      this.msgRow.msg.hidden = true;
      this.msgRow = null;
    }
    const r = id ? this.rows.get(id) : null;
    if (!r) return;
    if (!r.msg) {
      r.msg = ctlEl('p', 'p-error', null);
      r.msg.id = `err-${id}`;
      r.row.insertBefore(r.msg, r.tip);
    }
    r.msg.textContent = text;
    r.msg.hidden = false;
    this.msgRow = r;
  }

  // Brings every control in line with the state; touches the DOM only where a value changed.
  sync() {
    for (const r of this.rows.values()) {
      const id = r.p.id;
      const v = this.h.valueOf(id);
      const over = this.h.isOverridden(id);
      if (r.shown !== v) {
        r.shown = v;
        if (r.select) {
          r.select.value = String(v);
        } else {
          if (Number(r.range.value) !== v) r.range.value = String(v);
          r.range.setAttribute('aria-valuetext', this.L().fmtParam(r.p, v));
          if (this.active() !== r.num || !r.invalid) this.setEntryText(r, fmtEntry(r.p, v), true);
        }
      }
      if (r.over !== over) {
        r.over = over;
        r.reset.disabled = !over || !!r.locked;
        r.row.classList.toggle('changed', over);
      }
    }
  }

  // Re-reads every translatable text (after a language switch or a preset change).
  relabel() {
    for (const g of this.groups) {
      g.h.textContent = this.L().t(`group_${g.g}`);
      if (g.advSum) g.advSum.textContent = this.L().t('advanced', { n: g.nAdv });
    }
    for (const r of this.rows.values()) this.labelRow(r);
    this.relabelLocks();
  }

  // Writes one lever's texts in the current language.
  labelRow(r) {
    const p = r.p;
    const label = this.L().paramLabel(p);
    r.label.textContent = label;
    if (r.grade) r.grade.title = this.L().t(`grade_${p.grade}`);
    r.info.setAttribute('aria-label', this.L().t('info_param', { label }));
    r.info.title = this.L().t('info_param', { label });
    const pv = this.h.presetValueOf(p.id);
    r.reset.setAttribute('aria-label', this.L().t('reset_param', { label, value: this.L().fmtParam(p, pv) }));
    r.reset.title = this.L().t('reset_param', { label, value: this.L().fmtParam(p, pv) });
    if (r.select) {
      [...r.select.options].forEach((o, i) => {
        o.textContent = this.L().optionText(p.options[i]);
      });
    } else {
      const u = this.L().unitText(p.unit);
      r.unit.textContent = u;
      r.num.setAttribute('aria-label', u ? this.L().t('number_entry', { label, unit: u }) : this.L().t('number_entry_nounit', { label }));
      r.range.setAttribute('aria-valuetext', this.L().fmtParam(p, this.h.valueOf(p.id)));
    }
    // The tip (source, grade, range) is written when it is first shown.
    if (r.tip.hidden) r.tipDirty = true;
    else this.fillTip(r);
  }

  fillTip(r) {
    r.tipDirty = false;
    const p = r.p;
    if (!p.source && this.h.details && !this.detailsAsked) {
      // Sources arrive with the details module, loaded the first time a tip opens.
      this.detailsAsked = true;
      this.h.details().then(() => {
        for (const row of this.rows.values()) row.tipDirty = true;
        if (this.openTip) this.fillTip(this.openTip);
      });
    }
    const L = this.L();
    if (L.descriptionsPending()) {
      // This language's descriptions (a chunk of their own), loaded the first time a tip opens.
      L.loadDescriptions().then(() => {
        for (const row of this.rows.values()) row.tipDirty = true;
        if (this.openTip) this.fillTip(this.openTip);
      });
    }
    const tip = r.tip;
    tip.textContent = '';
    const why = this.h.why ? this.h.why(p.id) : '';
    if (why) ctlEl('p', 'tip-why', tip, why);
    // The description in the page's language (English until its translation has loaded, or where
    // there is none), and the source as written, in English: each marked with its language, so a
    // screen reader on the Chinese page reads the English as English.
    const [desc, descLang] = L.paramDescription(p);
    if (desc) ctlEl('p', 'tip-desc', tip, desc).lang = descLang;
    const dl = ctlEl('dl', '', tip);
    const item = (k, v, cls) => {
      ctlEl('dt', '', dl, k);
      return ctlEl('dd', cls || '', dl, v);
    };
    item(this.L().t('source'), p.source, 'tip-source').lang = 'en';
    item(this.L().t('grade'), this.L().t(`grade_${p.grade}`));
    item(this.L().t('default_value'), this.L().fmtParam(p, p.default));
    const pv = this.h.presetValueOf(p.id);
    if (pv !== p.default) item(this.L().t('preset_value'), this.L().fmtParam(p, pv));
    if (!(p.options && p.options.length)) item(this.L().t('range'), `${this.L().fmtParam(p, p.min)} – ${this.L().fmtParam(p, p.max)}`);
    if (this.h.docHref) {
      const a = ctlEl('a', 'tip-doc', tip, this.L().t('model_doc'));
      a.href = this.h.docHref(p.id);
    }
  }
}
