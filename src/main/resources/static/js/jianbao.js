// Shared by our pages. Requests that change something carry the CSRF token from the
// jianbao-csrf cookie: in the X-CSRF-TOKEN header (fetch) or the _csrf field (forms that POST).
(function () {
  'use strict';

  // the office's time zone (jianbao.time-zone, from /js/settings.js), whatever the browser's is
  var TIME_ZONE = (window.JIANBAO_SETTINGS && window.JIANBAO_SETTINGS.timeZone) || 'Asia/Shanghai';

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)jianbao-csrf=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  function headers(h) {
    var out = h || {};
    var token = csrfToken();
    if (token) { out['X-CSRF-TOKEN'] = token; }
    return out;
  }

  /** Our API: JSON in and out, the CSRF token on every change, problem details as errors. */
  function api(method, url, body) {
    var init = { method: method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (method !== 'GET') { headers(init.headers); }
    if (body instanceof FormData) {
      init.body = body;
    } else if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(function (r) {
      if (r.status === 204) { return null; }
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) {
          var err = new Error(data.detail || ('请求未成功（' + r.status + '）'));
          err.status = r.status;
          err.problem = data;
          throw err;
        }
        return data;
      });
    }, function () {
      var offline = new Error('无法连接服务器，请检查网络后重试。');
      offline.offline = true;
      throw offline;
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function parts(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) { return null; }
    var f = new Intl.DateTimeFormat('zh-CN', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit',
      day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
    var p = {};
    f.formatToParts(d).forEach(function (x) { p[x.type] = x.value; });
    return p;
  }

  /** 2026-12-01 14:05, in Beijing time whatever the browser's zone. */
  function time(iso) {
    if (!iso) { return ''; }
    var p = parts(iso);
    return p ? p.year + '-' + p.month + '-' + p.day + ' ' + p.hour + ':' + p.minute : String(iso);
  }

  function date(iso) {
    if (!iso) { return ''; }
    var p = parts(iso);
    return p ? p.year + '年' + Number(p.month) + '月' + Number(p.day) + '日' : String(iso);
  }

  /** How long since: 5分钟, 3小时, 2天. */
  function since(iso) {
    var ms = Date.now() - new Date(iso).getTime();
    if (!(ms >= 0)) { return ''; }
    var minutes = Math.floor(ms / 60000);
    if (minutes < 60) { return Math.max(minutes, 1) + '分钟'; }
    var hours = Math.floor(minutes / 60);
    if (hours < 48) { return hours + '小时'; }
    return Math.floor(hours / 24) + '天';
  }

  /**
   * Filters folded on a phone (a <details class="fold">): open on wider screens; on a phone open at
   * first only when a filter is in use, and the summary says how many are.
   */
  function foldFilters(details, active) {
    var wide = window.matchMedia('(min-width: 40.0625rem)');
    var summary = details.querySelector('summary');
    if (!details.hasAttribute('data-label')) {
      details.setAttribute('data-label', summary.textContent);
      details.open = wide.matches || active > 0;
      wide.addEventListener('change', function (e) { if (e.matches) { details.open = true; } });
    }
    summary.textContent = details.getAttribute('data-label') + (active ? '（已选' + active + '项）' : '');
  }

  window.Jianbao = window.Jianbao || {};
  window.Jianbao.foldFilters = foldFilters;
  window.Jianbao.csrfToken = csrfToken;
  window.Jianbao.headers = headers;
  window.Jianbao.api = api;
  // 编者按 as printed: its paragraphs, the first led by 编者按：(the preview and the issue page alike)
  window.Jianbao.lead = function (into, text) {
    String(text || '').split(/\n+/).map(function (p) { return p.trim(); }).filter(Boolean).forEach(function (p, i) {
      var lead = el('p', 'lead');
      if (i === 0) { lead.appendChild(el('b', null, '编者按：')); }
      lead.appendChild(document.createTextNode(p));
      into.appendChild(lead);
    });
  };
  window.Jianbao.el = el;
  window.Jianbao.timeZone = TIME_ZONE;
  window.Jianbao.time = time;
  window.Jianbao.date = date;
  window.Jianbao.since = since;
  window.Jianbao.meta = fetch('/api/meta', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; });

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
