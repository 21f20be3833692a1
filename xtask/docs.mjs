// Renders docs/MODEL.md and docs/teaching/*.md into pages of the built site (dist/docs/...), with
// markdown-it (pinned in package.json) and markdown-it-anchor for heading ids. Run by
// `cargo xtask dist` (xtask/src/wasm.rs), which then writes the Content-Security-Policy into each
// page. Every parameter gets an anchor `p-<id>` in MODEL.html: at its first mention in code, or
// else at the section of its group, so a lever's help can link to its equations.
//
// node xtask/docs.mjs <repo root> <dist dir> <params.json: [{id, group}]>
// Prints the pages it wrote, one path per line (relative to the dist dir).

import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import anchor from 'markdown-it-anchor';

const [root, dist, paramsFile] = process.argv.slice(2);
const params = JSON.parse(fs.readFileSync(paramsFile, 'utf8'));

// Section ids: "## 5. The chain after the market" -> "s5"; other headings by their words.
function slugify(text) {
  const num = /^(\d+)\.\s/.exec(text);
  if (num) return `s${num[1]}`;
  return text.toLowerCase().replace(/[`'’]/g, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'section';
}

// The MODEL.md section of each group, for parameters the text never names.
const GROUP_SECTION = {
  costs: 's7',
  capacity: 's2',
  demand: 's1',
  trade: 's4',
  china_levers: 's16',
  us_levers: 's16',
  reactions: 's16',
  markets: 's4',
  stockpile_recycling: 's6',
  base_year: 's12',
};

function renderer() {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.use(anchor, { slugify, tabIndex: false });
  // Links between the Markdown files point at their rendered pages.
  const open = md.renderer.rules.link_open || ((tokens, i, opts, env, self) => self.renderToken(tokens, i, opts));
  md.renderer.rules.link_open = (tokens, i, opts, env, self) => {
    const href = tokens[i].attrGet('href');
    if (href && !/^[a-z]+:/i.test(href)) tokens[i].attrSet('href', href.replace(/\.md(#|$)/, '.html$1'));
    return open(tokens, i, opts, env, self);
  };
  // Wide formulas scroll sideways; a keyboard must reach them to scroll.
  // Wide tables scroll sideways too (docs.css).
  md.renderer.rules.table_open = () => '<table tabindex="0">\n';
  for (const rule of ['fence', 'code_block']) {
    const base = md.renderer.rules[rule];
    md.renderer.rules[rule] = (...args) => base(...args).replace(/^<pre>/, '<pre tabindex="0">');
  }
  return md;
}

const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

function page({ title, body, lang, up }) {
  const back = lang === 'zh-CN' ? '返回计算器' : 'Back to the calculator';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${up}www/docs.css">
</head>
<body>
<nav class="doc-nav"><a href="${up}index.html">${back}</a></nav>
<main class="doc">
${body}</main>
</body>
</html>
`;
}

// Adds the `p-<id>` anchors to MODEL.md's HTML.
function withParamAnchors(html) {
  for (const { id, group } of params) {
    const code = `<code>${id}</code>`;
    const at = html.indexOf(code);
    const mark = `<span id="p-${id}"></span>`;
    if (at >= 0) {
      html = html.slice(0, at) + mark + html.slice(at);
    } else {
      const head = html.indexOf(`id="${GROUP_SECTION[group] || 's1'}"`);
      if (head < 0) throw new Error(`MODEL.md has no section ${GROUP_SECTION[group]} for ${id}`);
      const end = html.indexOf('>', head) + 1;
      html = html.slice(0, end) + mark + html.slice(end);
    }
  }
  return html;
}

const md = renderer();
const sources = [['docs/MODEL.md', 'docs/MODEL.html']];
const teaching = path.join(root, 'docs', 'teaching');
if (fs.existsSync(teaching)) {
  for (const f of fs.readdirSync(teaching).filter((f) => f.endsWith('.md')).sort()) {
    sources.push([`docs/teaching/${f}`, `docs/teaching/${f.replace(/\.md$/, '.html')}`]);
  }
}
for (const [src, out] of sources) {
  const text = fs.readFileSync(path.join(root, src), 'utf8');
  // An empty header cell (a table's corner) is a data cell: a header must name something.
  let body = md.render(text).replace(/<th( [^>]*)?><\/th>/g, '<td$1></td>');
  if (src === 'docs/MODEL.md') body = withParamAnchors(body);
  const title = (/^#\s+(.+)$/m.exec(text) || [null, path.basename(src)])[1].replace(/`/g, '');
  const up = '../'.repeat(out.split('/').length - 1);
  const lang = /\.zh\.md$/.test(src) ? 'zh-CN' : 'en';
  const file = path.join(dist, out);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, page({ title, body, lang, up }));
  console.log(out);
}
