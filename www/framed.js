// The page framed by another (?embed=1, the Embed dialog's iframe snippet): no page chrome, and
// the body's height posted to the parent, which the snippet's script applies to the frame. With
// `controls=id,group,...` and/or `charts=self,supply,...` in the query, the compact mode: only
// those levers and charts (and the plain-words box), so the frame is sized to them.

const list = (q, k) => (q.get(k) || '').split(',').map((s) => s.trim()).filter(Boolean);

export function frame(catalogue) {
  const root = document.documentElement;
  root.classList.add('embed');
  const q = new URLSearchParams(location.search);
  const levers = list(q, 'controls');
  const charts = list(q, 'charts');
  if (levers.length || charts.length) {
    root.classList.add('compact');
    const ids = catalogue.params.filter((p) => levers.includes(p.id) || levers.includes(p.group)).map((p) => p.id);
    root.classList.toggle('no-levers', !ids.length);
    root.classList.toggle('no-charts', !charts.length);
    // The chosen levers, wherever they are (main or by group), and the chosen charts.
    const style = document.createElement('style');
    style.textContent = `.levers .param${ids.map((id) => `:not([data-param="${id}"])`).join('')}{display:none}`
      + `.chart${charts.map((k) => `:not([data-chart="${CSS.escape(k)}"])`).join('')}{display:none}`;
    document.head.appendChild(style);
    document.getElementById('more-levers').open = true;
  }
  if (window.parent === window || typeof ResizeObserver === 'undefined') return;
  let lastHeight = 0;
  new ResizeObserver(() => {
    // The body's own height: the document's scrollHeight never drops below the frame's height,
    // so it could grow the frame but never shrink it.
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === lastHeight) return;
    lastHeight = height;
    window.parent.postMessage({ type: 'rare-earth-calculator:height', height }, '*');
  }).observe(document.body);
}
