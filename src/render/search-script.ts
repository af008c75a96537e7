/**
 * The one script of the HTML page: a search box that filters the signatories as one types.
 * The list is complete without it; the form starts hidden and the script shows it. The
 * page's Content-Security-Policy allows this script by its hash and nothing else.
 */
import { createHash } from 'node:crypto';

/**
 * Past this many signatories a list is long: the page lets the browser skip the layout of
 * groups off screen, and the search waits for a pause in typing (150 ms) before it filters.
 */
export const LONG_LIST = 2000;

/** The script's source, inlined in the page. */
export const SEARCH_SCRIPT = `(function () {
  var form = document.getElementById('search');
  var input = document.getElementById('signatory-search');
  var status = document.getElementById('search-status');
  if (!form || !input || !status) return;
  var groups = Array.prototype.slice.call(document.querySelectorAll('section.group'));
  // Read once: each item, its folded text and its group; then a keystroke only compares strings.
  var items = [], texts = [], groupOf = [], shown = [];
  groups.forEach(function (g, gi) {
    var lis = g.querySelectorAll('li.signatory');
    for (var i = 0; i < lis.length; i++) {
      items.push(lis[i]);
      texts.push(lis[i].getAttribute('data-search') || '');
      groupOf.push(gi);
      shown.push(true);
    }
  });
  var fold = function (s) { return s.normalize('NFD').replace(/\\p{M}/gu, '').toLowerCase(); };
  // A long list is filtered once typing pauses, not at every key.
  var delay = items.length > ${LONG_LIST} ? 150 : 0;
  var timer = 0;
  var last = '';
  var filter = function () {
    var words = fold(input.value).split(/\\s+/).filter(Boolean);
    var key = words.join(' ');
    if (key === last) return;
    last = key;
    var counts = groups.map(function () { return 0; });
    var total = 0;
    for (var i = 0; i < items.length; i++) {
      var text = texts[i];
      var match = true;
      for (var w = 0; w < words.length && match; w++) match = text.indexOf(words[w]) >= 0;
      // Only what changes is touched: the browser restyles those items and no others.
      if (match !== shown[i]) { items[i].hidden = !match; shown[i] = match; }
      if (match) { counts[groupOf[i]] += 1; total += 1; }
    }
    groups.forEach(function (g, gi) { var none = counts[gi] === 0; if (g.hidden !== none) g.hidden = none; });
    status.textContent = words.length === 0 ? '' :
      form.getAttribute('data-shown').replace('{shown}', String(total)).replace('{total}', String(items.length)) +
      (total === 0 ? ' ' + form.getAttribute('data-none') : '');
  };
  form.hidden = false;
  form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); filter(); });
  input.addEventListener('input', function () {
    clearTimeout(timer);
    if (delay === 0) filter(); else timer = setTimeout(filter, delay);
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
