/* Runs first in <head> (inlined by lessons.sphinxext.storage). Where the
   browser throws on window.localStorage (an LMS iframe with third-party
   storage blocked), the theme's own scripts would throw on every page.
   A stand-in keeps the theme's and the language switch's few preferences
   for this page only; every other key still fails as blocked storage does,
   so the quiz knows its answers won't be kept and says so. */
(function () {
  "use strict";
  var PAGE_KEYS = /^(mode|theme|pst_[\w-]*|sidebar-scroll-top|lessons-lang)$/;
  function standIn() {
    var items = {};
    var has = function (key) { return Object.prototype.hasOwnProperty.call(items, key); };
    return {
      getItem: function (key) { return has(key) ? items[key] : null; },
      setItem: function (key, value) {
        if (!PAGE_KEYS.test(key)) throw new DOMException("storage is blocked in this browser", "SecurityError");
        items[key] = String(value);
      },
      removeItem: function (key) { delete items[key]; },
      clear: function () { items = {}; },
      key: function (index) { return Object.keys(items)[index] || null; },
      get length() { return Object.keys(items).length; }
    };
  }
  ["localStorage", "sessionStorage"].forEach(function (name) {
    try { if (window[name]) return; } catch (blocked) { /* replaced below */ }
    try { Object.defineProperty(window, name, { value: standIn(), configurable: true }); } catch (e) { /* nothing more to do */ }
  });
})();
