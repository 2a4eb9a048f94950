/*
 * Loaded by index.html before the application's modules: on a document's page
 * (/documents/:id, optionally ?version=N) it starts GET /api/documents/:id and its thread
 * list at once, instead of after the shell's modules have loaded and the router has matched,
 * and parses the answers while the main thread would otherwise wait for those modules.
 * client/src/features/documents/document-preload.ts takes the answers (once each, while
 * fresh); this file only starts requests, so if anything here fails the page simply asks again.
 * A classic script, not a module: the CSP allows script-src 'self', and nothing here waits.
 */
(function () {
  try {
    var match = /^\/documents\/([A-Za-z0-9_-]{1,64})\/?$/.exec(location.pathname);
    // /documents/new is another page (routes.tsx); ids are random (server/db/ids.ts).
    if (!match || match[1] === 'new' || typeof fetch !== 'function' || typeof Promise !== 'function') return;
    var version = new URLSearchParams(location.search).get('version');
    if (version !== null && !/^[1-9][0-9]*$/.test(version)) return;
    var query = version ? '?version=' + version : '';
    var base = '/api/documents/' + match[1];
    // The lines wait for the document, not for the threads: the browser is asked to favour it.
    var start = function (path, priority) {
      return fetch(path, { headers: { accept: 'application/json' }, credentials: 'same-origin', priority: priority }).then(function (response) {
        var type = response.headers.get('content-type') || '';
        if (!response.ok || type.indexOf('json') < 0) return { response: response };
        return response.json().then(
          function (body) { return { response: response, body: body }; },
          function () { return { response: response }; },
        );
      });
    };
    // The reader route's own chunks (named by client/vite.config.ts at build time).
    var script = document.currentScript;
    var preload = function (attribute, rel, as) {
      var list = (script && script.getAttribute(attribute)) || '';
      list.split(' ').forEach(function (href) {
        if (!href) return;
        var link = document.createElement('link');
        link.rel = rel;
        if (as) link.as = as;
        link.crossOrigin = ''; // as Vite's own module and style tags
        link.href = href;
        document.head.appendChild(link);
      });
    };
    preload('data-modules', 'modulepreload');
    preload('data-styles', 'preload', 'style');
    var answers = { id: match[1], version: version ? Number(version) : null, at: Date.now(), document: start(base + query, 'high'), threads: start(base + '/threads' + query, 'low') };
    // Whoever takes an answer reports its failure; an answer nobody takes must not be reported.
    answers.document.catch(function () {});
    answers.threads.catch(function () {});
    window.__tashawurPreload = answers;
  } catch (_) {
    // The page asks for what it needs itself.
  }
})();
