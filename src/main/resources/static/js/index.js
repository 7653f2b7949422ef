// index.html
(function () {
  'use strict';

  function json(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; });
  }

  // 当前用户：from our /api/me when there is one (quietly nothing otherwise). Camunda's own API is
  // left alone here: a request to it from this page racing the Tasklist page load can leave Camunda's
  // CSRF cookie and session token out of step.
  var userLine = document.getElementById('current-user');
  json('/api/me').then(function (me) {
    if (!me) { return; }
    var name = me.displayName || me.name || me.fullName || me.userId || me.id;
    var unit = me.unit && typeof me.unit === 'object' ? me.unit.name : (me.unitName || me.unit);
    if (!name) { return; }
    userLine.textContent = '当前用户：' + name + (unit ? '（' + unit + '）' : '');
    userLine.hidden = false;
    if ((me.roles || []).indexOf('admin') >= 0) { document.getElementById('directory').hidden = false; }
  });

  // 档案检索 goes live when /archive answers
  var archive = document.getElementById('archive');
  fetch('/archive', { method: 'HEAD', credentials: 'same-origin', redirect: 'manual' })
    .then(function (r) { return r.ok; })
    .catch(function () { return false; })
    .then(function (live) {
      if (live) { return; }
      archive.classList.add('disabled');
      archive.setAttribute('aria-disabled', 'true');
      archive.querySelector('.badge').hidden = false;
      archive.addEventListener('click', function (e) { e.preventDefault(); });
    });

  // 界面语言 of the Camunda pages (read by their scripts/config.js)
  var buttons = document.querySelectorAll('[data-locale]');
  function current() {
    try { return window.localStorage.getItem('jianbao.locale') === 'en' ? 'en' : 'zh'; } catch (e) { return 'zh'; }
  }
  function mark() {
    Array.prototype.forEach.call(buttons, function (b) {
      b.setAttribute('aria-pressed', String(b.getAttribute('data-locale') === current()));
    });
  }
  Array.prototype.forEach.call(buttons, function (b) {
    b.addEventListener('click', function () {
      try {
        if (b.getAttribute('data-locale') === 'en') {
          window.localStorage.setItem('jianbao.locale', 'en');
        } else {
          window.localStorage.removeItem('jianbao.locale');
        }
      } catch (e) { /* storage unavailable: Chinese */ }
      mark();
    });
  });
  mark();
})();

// 已刊发简报: the latest published issues, each linking to its page
(function () {
  'use strict';
  var section = document.getElementById('issues');
  var list = document.getElementById('issue-list');
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function fmtDate(iso) {
    var d = new Date(iso);
    if (!iso || isNaN(d.getTime())) { return ''; }
    try {
      var p = {};
      new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' })
        .formatToParts(d).forEach(function (x) { p[x.type] = x.value; });
      return p.year + '年' + Number(p.month) + '月' + Number(p.day) + '日';
    } catch (e) {
      return d.toLocaleDateString('zh-CN');
    }
  }
  fetch('/api/issues', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .catch(function () { return null; })
    .then(function (issues) {
      if (!Array.isArray(issues)) { return; } // not available (yet): no section
      var published = issues.filter(function (i) { return i.status === 'published'; })
        .sort(function (a, b) { return String(b.publishedAt || '').localeCompare(String(a.publishedAt || '')); })
        .slice(0, 10);
      if (!published.length) {
        list.appendChild(el('li', 'none', '暂无已刊发的简报。'));
      }
      published.forEach(function (i) {
        var li = el('li');
        var a = el('a');
        a.href = '/issues/' + encodeURIComponent(i.id);
        a.appendChild(el('span', 'no', [i.seriesLabel, i.numberLabel].filter(Boolean).join(' ')));
        a.appendChild(document.createTextNode(i.title || ''));
        li.appendChild(a);
        var meta = [fmtDate(i.publishedAt), i.itemCount ? i.itemCount + '条信息' : ''].filter(Boolean).join('　');
        li.appendChild(el('span', 'meta', meta));
        list.appendChild(li);
      });
      section.hidden = false;
    });
})();
