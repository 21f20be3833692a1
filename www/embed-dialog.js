// The Embed… dialog: the custom-element and iframe snippets for the scenario on screen (loaded
// when the dialog is first opened: not part of a first visit).

// The page's own address without query or fragment, and the folder it is in.
function pageBase() {
  const u = new URL(location.href);
  u.hash = '';
  u.search = '';
  return u.href;
}

// Escapes text for an HTML attribute value in a snippet the user copies (shown as plain text).
const attr = (v) => String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function embedSnippets({ L, link, preset, changed }) {
  const frag = link();
  const page = pageBase();
  const dir = new URL('.', page).href;
  const elementLines = [
    `<script type="module" src="${attr(new URL('www/embed.js', dir).href)}"><\/script>`,
    // The link inside shows wherever the element cannot run (its script blocked or not loaded):
    // never a blank box.
    `<rare-earth-calculator preset="${attr(preset)}"${changed ? ` params="${attr(frag)}"` : ''}${L.lang === 'zh' ? ' lang="zh"' : ''}><a href="${attr(`${page}#${frag}`)}">${attr(L.t('embed_fallback'))}</a></rare-earth-calculator>`,
  ];
  const src = `${page}?embed=1#${frag}`;
  const iframeLines = [
    `<iframe src="${attr(src)}" title="${attr(L.t('embed_frame_title'))}" style="width:100%;height:900px;border:0" loading="lazy"></iframe>`,
    '<script>',
    '(function () {',
    '  var frame = document.currentScript.previousElementSibling;',
    "  window.addEventListener('message', function (e) {",
    "    if (e.source !== frame.contentWindow || !e.data || e.data.type !== 'rare-earth-calculator:height') return;",
    '    var h = Number(e.data.height);',
    "    if (h > 0 && h < 20000) frame.style.height = Math.ceil(h) + 'px';",
    '  });',
    '})();',
    '<\/script>',
  ];
  return { element: elementLines.join('\n'), iframe: iframeLines.join('\n') };
}

// The copy buttons are wired once; they speak the language of the last opening.
let copyButtons = false;
let current = null;

// The dialog's markup, added to the page at the first opening (its texts in the reader's
// language; the page relabels [data-i18n] elements when the language changes).
const DIALOG = `<dialog id="embed-dialog" class="embed-dialog" aria-labelledby="embed-title">
  <h2 id="embed-title" data-i18n="embed_title">Embed this scenario</h2>
  <p data-i18n="embed_intro">Paste one of these into your page. Both start from the scenario shown now.</p>
  <label for="embed-element" data-i18n="embed_element">As a custom element (one script tag)</label>
  <textarea id="embed-element" readonly rows="4" spellcheck="false"></textarea>
  <button type="button" class="embed-copy" data-target="embed-element" data-i18n="embed_copy">Copy</button>
  <label for="embed-iframe" data-i18n="embed_iframe">As an iframe that sizes itself</label>
  <textarea id="embed-iframe" readonly rows="6" spellcheck="false"></textarea>
  <button type="button" class="embed-copy" data-target="embed-iframe" data-i18n="embed_copy">Copy</button>
  <p id="embed-note" class="embed-note"></p>
  <form method="dialog"><button type="submit" id="embed-close" data-i18n="close">Close</button></form>
</dialog>`;

export function openEmbedDialog(ctx) {
  const { $, L } = ctx;
  if (!$('embed-dialog')) {
    document.body.insertAdjacentHTML('beforeend', DIALOG);
    for (const el of $('embed-dialog').querySelectorAll('[data-i18n]')) el.textContent = L.t(el.dataset.i18n);
  }
  const sn = embedSnippets(ctx);
  $('embed-element').value = sn.element;
  $('embed-iframe').value = sn.iframe;
  $('embed-note').textContent = location.protocol === 'file:' ? L.t('embed_file_note') : L.t('embed_cors_note');
  const dlg = $('embed-dialog');
  if (typeof dlg.showModal === 'function') dlg.showModal();
  else dlg.setAttribute('open', '');
  current = ctx;
  if (copyButtons) return;
  copyButtons = true;
  for (const b of document.querySelectorAll('.embed-copy')) {
    b.addEventListener('click', async () => {
      const area = $(b.dataset.target);
      try {
        await navigator.clipboard.writeText(area.value);
        current.showStatus(current.L.t('embed_copied'));
      } catch (e) {
        area.focus();
        area.select();
      }
    });
  }
}
