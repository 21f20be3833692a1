// Exports: the projection as CSV (the CLI's `--format csv`), and a chart's on-screen SVG as a
// standalone SVG document (title, legend and every computed style written inline, so it renders
// anywhere without the page's CSS) and a PNG drawn from that SVG at twice the size. Only values,
// positions and styles are copied; no figure is computed here.

import { svgEl as exportEl } from './dom.js';

// A value as the CLI writes it in CSV: rounded to 4 decimals (half away from zero), shortest
// text; empty when not finite.
function csvNumber(v) {
  if (!Number.isFinite(v)) return '';
  const r = (Math.sign(v) * Math.round(Math.abs(v) * 1e4)) / 1e4;
  return r === 0 ? '0' : String(r);
}

// One row per year, one column per series (catalogue ids as headers), as `rare-earth run
// --format csv` writes it.
export function projectionCsv(projection, catalogue) {
  const ids = catalogue.series.map((s) => s.id);
  const lines = [['year', ...ids].join(',')];
  projection.years.forEach((year, i) => {
    lines.push([year, ...ids.map((id) => csvNumber(projection.series[id][i]))].join(','));
  });
  return `${lines.join('\n')}\n`;
}

// The CSV a reader downloads: a header block of `#` lines (what made it, the scenario's link, the
// date, each column's label and unit), then the CLI's CSV byte for byte, so a reader that skips
// `#` lines (pandas' comment='#', R's comment.char) gets the same table as `rare-earth run`.
// `info`: { link, version, date, label(s), unit(s) }.
export function projectionCsvWithHeader(projection, catalogue, info) {
  const cell = (t) => (/[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  const head = [
    `# Rare earth supply chain calculator, model ${info.version}`,
    `# scenario,${cell(info.link)}`,
    `# downloaded,${info.date}`,
    `# label,,${catalogue.series.map((s) => cell(info.label(s))).join(',')}`,
    `# unit,,${catalogue.series.map((s) => cell(info.unit(s))).join(',')}`,
  ];
  return `${head.join('\n')}\n${projectionCsv(projection, catalogue)}`;
}

const EXPORT_SVGNS = 'http://www.w3.org/2000/svg';
const EXPORT_PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-variant-numeric', 'text-anchor', 'dominant-baseline', 'visibility'];


// Copies the computed style of every element of `src` onto the matching element of `dst`
// (a deep clone of `src`), and drops elements that are not displayed.
function inlineStyles(src, dst) {
  const a = [src, ...src.querySelectorAll('*')];
  const b = [dst, ...dst.querySelectorAll('*')];
  const drop = [];
  for (let i = 0; i < a.length; i++) {
    const cs = getComputedStyle(a[i]);
    if (cs.display === 'none') {
      drop.push(b[i]);
      continue;
    }
    for (const p of EXPORT_PROPS) {
      const v = cs.getPropertyValue(p);
      if (v) b[i].setAttribute(p, v);
    }
    b[i].removeAttribute('class');
    b[i].removeAttribute('style');
  }
  for (const e of drop) e.remove();
}

// The standalone SVG text of a chart figure: `fig` is the chart's <figure>, `svg` its plot;
// `caption` (lines of text: the scenario, the source, the link) goes under the plot.
export function chartSvgText(fig, svg, caption = []) {
  const figStyle = getComputedStyle(fig);
  const bodyStyle = getComputedStyle(document.body);
  const fg = figStyle.color;
  let bg = bodyStyle.backgroundColor;
  if (!bg || bg === 'rgba(0, 0, 0, 0)') bg = '#ffffff';
  const font = figStyle.fontFamily;
  const w = Number(svg.getAttribute('width')) || svg.clientWidth;
  const h = Number(svg.getAttribute('height')) || svg.clientHeight;
  const title = fig.querySelector('.chart-title');
  const sub = fig.querySelector('.chart-sub');
  const legend = [...fig.querySelectorAll('.legend li')];
  const units = [...fig.querySelectorAll('.axis-units span')].map((s) => s.textContent);

  // Legend rows: swatch (a copy of the page's) and text, wrapped to the chart width.
  const items = [];
  let x = 8;
  let row = 0;
  for (const li of legend) {
    const text = li.textContent;
    const width = 34 + text.length * 6.6;
    if (x + width > w && x > 8) {
      x = 8;
      row++;
    }
    items.push({ li, text, x, row });
    x += width + 8;
  }
  // The subtitle, wrapped to the width (about 6.3 px per character at 11.5 px; CJK twice that).
  const subLines = [];
  let line = '';
  const cw = (str) => [...str].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 11.5 : 6.3), 0);
  for (const word of (sub ? sub.textContent : '').split(/(?<=\s)|(?=[\u2e80-\uffff])/)) {
    if (line && cw(line + word) > w - 16) {
      subLines.push(line.trim());
      line = '';
    }
    line += word;
  }
  if (line.trim()) subLines.push(line.trim());
  const lh = 24 + subLines.length * 15;
  const top = lh + 8 + (row + 1) * 18 + 16;
  const full = h + top + 6 + caption.length * 14 + (caption.length ? 6 : 0);
  const out = exportEl('svg', { xmlns: EXPORT_SVGNS, width: w, height: full, viewBox: `0 0 ${w} ${full}`, 'font-family': font, color: fg });
  exportEl('rect', { x: 0, y: 0, width: w, height: full, fill: bg }, out);
  caption.forEach((text, i) => {
    const ct = exportEl('text', { x: 8, y: h + top + 18 + i * 14, 'font-size': 10, fill: fg, 'fill-opacity': 0.75 }, out);
    ct.textContent = text;
  });
  const tt = exportEl('text', { x: 8, y: 18, 'font-size': 15, 'font-weight': 700, fill: fg }, out);
  tt.textContent = title ? title.textContent : '';
  subLines.forEach((text, i) => {
    const st = exportEl('text', { x: 8, y: 36 + i * 15, 'font-size': 11.5, fill: fg, 'fill-opacity': 0.75 }, out);
    st.textContent = text;
  });
  for (const it of items) {
    const sw = it.li.querySelector('svg');
    const g = exportEl('g', { transform: `translate(${it.x},${lh + 8 + it.row * 18})` }, out);
    if (sw) {
      const c = sw.cloneNode(true);
      inlineStyles(sw, c);
      c.setAttribute('x', 0);
      c.setAttribute('y', 0);
      g.appendChild(c);
    }
    const lt = exportEl('text', { x: 30, y: 10, 'font-size': 11.5, fill: fg }, g);
    lt.textContent = it.text;
  }
  const ul = exportEl('text', { x: 8, y: top - 4, 'font-size': 11, fill: fg, 'fill-opacity': 0.75 }, out);
  ul.textContent = units[0] || '';
  if (units[1]) {
    const ur = exportEl('text', { x: w - 8, y: top - 4, 'font-size': 11, fill: fg, 'fill-opacity': 0.75, 'text-anchor': 'end' }, out);
    ur.textContent = units[1];
  }
  const plot = svg.cloneNode(true);
  inlineStyles(svg, plot);
  plot.setAttribute('x', 0);
  plot.setAttribute('y', top);
  plot.setAttribute('color', fg);
  plot.removeAttribute('aria-hidden');
  plot.removeAttribute('focusable');
  // The hover cursor and dots are not part of the picture.
  for (const g of plot.querySelectorAll('[visibility="hidden"]')) g.remove();
  out.appendChild(plot);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(out)}`;
}

// A PNG of the SVG text at `scale` times its size; resolves to a Blob.
export function svgToPngBlob(svgText, scale) {
  return new Promise((resolve, reject) => {
    const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svgText);
    const w = m ? Number(m[1]) : 600;
    const h = m ? Number(m[2]) : 400;
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(w * scale);
      canvas.height = Math.round(h * scale);
      const ctx = canvas.getContext('2d');
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0, w, h);
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('cannot draw the chart as PNG'))), 'image/png');
    };
    img.onerror = () => reject(new Error('cannot draw the chart as PNG'));
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  });
}
