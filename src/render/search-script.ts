/**
 * The one script of the HTML page: a search box that filters the signatories as one types.
 * The list is complete without it; the form starts hidden and the script shows it. The
 * page's Content-Security-Policy allows this script by its hash and nothing else.
 */
import { createHash } from 'node:crypto';

/** The script's source, inlined in the page. */
export const SEARCH_SCRIPT = `(function () {
  var form = document.getElementById('search');
  var input = document.getElementById('signatory-search');
  var status = document.getElementById('search-status');
  if (!form || !input || !status) return;
  var items = Array.prototype.slice.call(document.querySelectorAll('li.signatory'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('section.group'));
  var fold = function (s) { return s.normalize('NFD').replace(/\\p{M}/gu, '').toLowerCase(); };
  form.hidden = false;
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  input.addEventListener('input', function () {
    var words = fold(input.value).split(/\\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (li) {
      var text = li.getAttribute('data-search') || '';
      var match = words.every(function (w) { return text.indexOf(w) >= 0; });
      li.hidden = !match;
      if (match) shown += 1;
    });
    groups.forEach(function (g) { g.hidden = !g.querySelector('li.signatory:not([hidden])'); });
    status.textContent = words.length === 0 ? '' :
      form.getAttribute('data-shown').replace('{shown}', String(shown)).replace('{total}', String(items.length)) +
      (shown === 0 ? ' ' + form.getAttribute('data-none') : '');
  });
})();`;

/** The Content-Security-Policy of the HTML page: inline styles, this script by hash, inline SVG; no network. */
export const PAGE_CSP = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${createHash('sha256').update(SEARCH_SCRIPT).digest('base64')}'; base-uri 'none'; form-action 'none'`;

/**
 * The Content-Security-Policy of the print version: inline styles, images and fonts only as
 * data: URLs, no script and no network. `letter` also sends it as a header when it prints
 * the PDF, so a custom template that drops the meta tag gains nothing.
 */
export const PRINT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";
