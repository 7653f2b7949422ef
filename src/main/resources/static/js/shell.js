// The app shell of our pages: one header with the work each role may do, the signed-in person and
// their unit, 修改密码 and 退出 (a POST with the CSRF token). A page puts <header id="shell"></header>
// where the header goes; window.Jianbao.me resolves to /api/me for the page's own use.
(function () {
  'use strict';

  // [label, href, roles that see it]
  var LINKS = [
    ['待办', '/tasks', ['liaison', 'leader', 'editor', 'signer']],
    ['收件箱', '/inbox', ['liaison', 'leader', 'editor', 'signer', 'auditor', 'admin']],
    ['报送', '/submit', ['liaison']],
    ['本单位信息', '/items', ['liaison', 'leader']],
    ['信息管理', '/items', ['editor', 'signer']],
    ['编排简报', '/issues/new', ['editor']],
    ['约稿', '/commissions', ['liaison', 'leader', 'editor', 'signer', 'auditor']],
    ['档案检索', '/archive', ['liaison', 'leader', 'editor', 'signer', 'auditor', 'admin']],
    ['考核积分', '/assessment', ['liaison', 'leader', 'editor', 'signer', 'auditor', 'admin']],
    ['工作概况', '/dashboard', ['editor', 'signer', 'auditor', 'admin']],
    ['审计', '/audit', ['auditor', 'admin']],
    ['管理', '/admin/directory', ['admin']]
  ];

  var el = window.Jianbao.el; // js/jianbao.js, loaded before

  var me = fetch('/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .catch(function () { return null; });
  window.Jianbao = window.Jianbao || {};
  window.Jianbao.me = me;

  /** The links this person sees (a person with several roles sees each link once). */
  window.Jianbao.links = function (person) {
    var roles = (person && person.roles) || [];
    var seen = {};
    return LINKS.filter(function (l) {
      var show = l[2].some(function (r) { return roles.indexOf(r) >= 0; }) && !seen[l[1]];
      if (show) { seen[l[1]] = true; }
      return show;
    });
  };

  function render(header, person) {
    header.className = 'shell';
    header.textContent = '';
    var brand = el('a', 'brand', '简报信息报送系统');
    brand.href = '/';
    header.appendChild(brand);
    var nav = el('nav');
    nav.setAttribute('aria-label', '主导航');
    var here = window.location.pathname;
    window.Jianbao.links(person).forEach(function (l) {
      var a = el('a', null, l[0]);
      a.href = l[1];
      if (here === l[1] || (l[1] !== '/' && here.indexOf(l[1]) === 0 && l[1].length > 1)) {
        a.setAttribute('aria-current', 'page');
      }
      if (l[1] === '/inbox') { unreadBadge(a); }
      if (l[1] === '/tasks') { taskBadge(a); }
      nav.appendChild(a);
    });
    header.appendChild(nav);
    var who = el('div', 'who');
    if (person) {
      who.appendChild(bell());
      who.appendChild(el('span', 'name', person.displayName + '（' + person.unit.name + '）'));
      var pw = el('a', null, '修改密码');
      pw.href = '/password';
      who.appendChild(pw);
      var form = el('form');
      form.method = 'post';
      form.action = '/logout';
      var button = el('button', null, '退出');
      button.type = 'submit';
      form.appendChild(button);
      who.appendChild(form);
    } else {
      var login = el('a', null, '登录');
      login.href = '/login';
      who.appendChild(login);
    }
    header.appendChild(who);
  }

  // the bell: unread notifications, the latest few in a panel, each marked read when opened
  function bell() {
    var wrap = el('div', 'bell');
    var button = el('button', 'bell-button');
    button.type = 'button';
    button.setAttribute('aria-haspopup', 'true');
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-label', '通知');
    button.title = '通知';
    // an inline bell: an emoji would depend on the fonts of the machine
    var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', '20');
    svg.setAttribute('height', '20');
    svg.setAttribute('aria-hidden', 'true');
    var path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('d', 'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z');
    svg.appendChild(path);
    button.appendChild(svg);
    var count = el('span', 'count');
    count.hidden = true;
    button.appendChild(count);
    var panel = el('div', 'bell-panel');
    panel.hidden = true;
    panel.setAttribute('role', 'region');
    panel.setAttribute('aria-label', '最新通知');
    wrap.appendChild(button);
    wrap.appendChild(panel);
    function api(method, url) {
      var h = { Accept: 'application/json' };
      if (method !== 'GET' && window.Jianbao.csrfToken) {
        var t = window.Jianbao.csrfToken();
        if (t) { h['X-CSRF-TOKEN'] = t; }
      }
      return fetch(url, { method: method, credentials: 'same-origin', headers: h });
    }
    function refresh() {
      return api('GET', '/api/notifications?size=8').then(function (r) {
        if (!r.ok) { return; }
        var unread = Number(r.headers.get('X-Unread-Count') || 0);
        count.textContent = unread > 99 ? '99+' : String(unread);
        count.hidden = unread === 0;
        button.setAttribute('aria-label', unread ? '通知（' + unread + '条未读）' : '通知');
        return r.json().then(function (items) { fill(items, unread); });
      }).catch(function () { /* the bell is a convenience */ });
    }
    function fill(items, unread) {
      panel.textContent = '';
      var head = el('div', 'bell-head');
      head.appendChild(el('strong', null, '通知'));
      if (unread) {
        var all = el('button', 'link', '全部标为已读');
        all.type = 'button';
        all.addEventListener('click', function () { api('POST', '/api/notifications/read-all').then(refresh); });
        head.appendChild(all);
      }
      panel.appendChild(head);
      if (!items.length) { panel.appendChild(el('p', 'bell-empty', '暂无通知。')); }
      items.forEach(function (n) {
        var a = el('a', 'bell-item' + (n.readAt ? '' : ' unread'));
        a.href = n.link || '/notifications';
        a.appendChild(el('span', 'bell-kind', n.kindLabel));
        a.appendChild(el('span', 'bell-message', n.message));
        a.appendChild(el('span', 'bell-time', window.Jianbao.time ? window.Jianbao.time(n.createdAt) : n.createdAt));
        a.addEventListener('click', function (e) {
          if (n.readAt) { return; }
          e.preventDefault();
          api('POST', '/api/notifications/' + n.id + '/read').finally(function () { window.location.href = a.href; });
        });
        panel.appendChild(a);
      });
      var more = el('a', 'bell-more', '全部通知与接收设置');
      more.href = '/notifications';
      panel.appendChild(more);
    }
    button.addEventListener('click', function (e) {
      e.stopPropagation();
      panel.hidden = !panel.hidden;
      button.setAttribute('aria-expanded', String(!panel.hidden));
    });
    document.addEventListener('click', function (e) {
      if (!wrap.contains(e.target)) { panel.hidden = true; button.setAttribute('aria-expanded', 'false'); }
    });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { panel.hidden = true; button.setAttribute('aria-expanded', 'false'); }
    });
    refresh();
    return wrap;
  }

  // the number of unread issues beside 收件箱
  function unreadBadge(link) {
    fetch('/api/inbox?unread=true&size=1', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? Number(r.headers.get('X-Unread-Count') || 0) : 0; })
      .then(function (n) {
        if (n > 0) {
          var badge = el('span', 'count', String(n));
          badge.setAttribute('aria-label', n + ' 期未读');
          link.appendChild(badge);
        }
      })
      .catch(function () { /* the badge is a convenience */ });
  }

  /** The number of open steps on the 待办 link (and on the home page's tile, which asks the same). */
  function taskBadge(link) {
    window.Jianbao.taskCount.then(function (n) {
      if (n > 0) {
        var badge = el('span', 'count', n > 99 ? '99+' : String(n));
        badge.setAttribute('aria-label', n + ' 项待办');
        link.appendChild(badge);
      }
    });
  }
  window.Jianbao.taskCount = me.then(function (person) {
    var roles = (person && person.roles) || [];
    if (!['liaison', 'leader', 'editor', 'signer'].some(function (r) { return roles.indexOf(r) >= 0; })) { return 0; }
    return fetch('/api/tasks/count', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : { count: 0 }; }).then(function (b) { return b.count || 0; });
  }).catch(function () { return 0; });

  function start() {
    var header = document.getElementById('shell');
    if (!header) { return; }
    render(header, null);
    me.then(function (person) { render(header, person); });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
