// The classroom's styles (challenge panel, link builder, match, gallery), added to the page by
// the classroom's modules when they first load, so they cost nothing on a first visit and work
// the same in the single file (a <style> element: the page's policy allows inline styles).

const CSS = `
.challenge{border:2px solid var(--accent);border-radius:var(--radius);padding:.35rem .7rem;margin:.3rem 0 0;background:var(--note-bg);font-size:.88rem}
.challenge h2{display:inline;font-size:.98rem;margin:0 .5rem 0 0}
.ch-side{color:var(--muted)}
.challenge p{margin:.1rem 0}
.ch-row{display:flex;flex-wrap:wrap;gap:.1rem 1rem}
.ch-limits{display:contents;list-style:none}
.ch-bar{display:flex;flex-wrap:wrap;align-items:center;gap:.2rem .6rem}
.ch-bar progress{flex:1 1 8rem;height:.75rem;accent-color:var(--accent)}
.ch-score{font-weight:700;font-variant-numeric:tabular-nums}
.ch-broken{color:var(--error-fg);font-weight:600}
.challenge.ch-success{border-color:var(--holds);background:var(--changed-bg)}
.ch-done{font-weight:600}
.ch-success .ch-done{color:var(--holds)}
.class-dialog{max-width:min(60rem,96vw);width:100%;max-height:92vh;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:8px;box-sizing:border-box}
.class-dialog::backdrop{background:rgb(0 0 0 / .4)}
.class-dialog h2{margin:0 0 .3rem;font-size:1.15rem}
.class-dialog label{font-weight:600}
.class-dialog select,.class-dialog textarea{color:inherit;background:var(--panel)}
.class-dialog textarea{width:100%;box-sizing:border-box;font:.8rem/1.35 ui-monospace,monospace;color:inherit;background:var(--panel);border:1px solid var(--border-soft);border-radius:4px}
.class-dialog fieldset{border:1px solid var(--line);border-radius:6px;margin:.4rem 0;padding:.3rem .6rem}
.class-dialog .cd-close{text-align:right;margin-top:.6rem}
.cd-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));gap:.4rem .8rem;align-items:start}
.cd-grid label{display:flex;flex-direction:column;gap:.15rem}
.cd-grid select[multiple]{min-height:8rem}
.cb-groups{display:grid;grid-template-columns:1fr auto auto;gap:0 .8rem;font-size:.85rem}
.cb-groups label{font-weight:400;display:inline-flex;flex-direction:row;gap:.2rem;align-items:center}
.cb-out{display:flex;flex-wrap:wrap;gap:.8rem;align-items:flex-start;margin-top:.4rem}
.cb-out>div{flex:1 1 18rem}
.cb-qr svg{width:11rem;height:11rem;background:#fff;display:block}
.cb-out textarea{min-height:5.5rem}
.cd-msg{color:var(--error-fg)}
.cd-table{border-collapse:collapse;font-size:.85rem;width:100%}
.cd-table th,.cd-table td{border-bottom:1px solid var(--line);padding:.15rem .4rem;text-align:left}
.cd-table td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.cd-table caption{text-align:left;font-weight:600}
.cd-table th button{font:inherit;font-weight:600;background:none;border:0;color:inherit;cursor:pointer;padding:0;text-align:left}
.cd-table tr.bad td{color:var(--error-fg)}
.cd-table tbody th{min-width:7rem}
.cd-wrap{overflow:auto;max-height:45vh}
.cm-boards .sb-list{grid-template-columns:minmax(6rem,1fr) auto}
.cg-drop{border:2px dashed var(--border-soft);border-radius:6px;padding:.3rem}
.cg-drop.over{border-color:var(--accent)}
@media print{body.print-qr>*:not(#cb-dialog){display:none!important}body.print-qr #cb-dialog>*:not(.cd-body),body.print-qr #cb-dialog .cd-body>*:not(.cb-out){display:none}body.print-qr .cb-qr svg{width:9cm;height:9cm}}
`;

export function injectStyle() {
  if (document.getElementById('classroom-style')) return;
  const st = document.createElement('style');
  st.id = 'classroom-style';
  st.textContent = CSS;
  document.head.appendChild(st);
}
