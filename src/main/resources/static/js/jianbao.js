// Shared by our pages. Requests that change something carry the CSRF token from the
// jianbao-csrf cookie: in the X-CSRF-TOKEN header (fetch) or the _csrf field (forms that POST).
(function () {
  'use strict';

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)jianbao-csrf=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  window.Jianbao = {
    csrfToken: csrfToken,
    /** Headers for fetch: adds the CSRF token to the given ones. */
    headers: function (headers) {
      var h = headers || {};
      var token = csrfToken();
      if (token) { h['X-CSRF-TOKEN'] = token; }
      return h;
    }
  };

  // every POST form (logout among them) sends the token as _csrf
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (!form || String(form.method).toLowerCase() !== 'post') { return; }
    var field = form.querySelector('input[name="_csrf"]');
    if (!field) {
      field = document.createElement('input');
      field.type = 'hidden';
      field.name = '_csrf';
      form.appendChild(field);
    }
    field.value = csrfToken();
  }, true);
})();
