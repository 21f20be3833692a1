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
    // The classes and the rule that shows only the chosen levers (by id or group) and charts are
    // set by index.html's head script before the first paint; here, only what needs the
    // catalogue: no levers at all when the list names none it knows.
    root.classList.add('compact');
    root.classList.toggle('no-levers', !catalogue.params.some((p) => levers.includes(p.id) || levers.includes(p.group)));
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
