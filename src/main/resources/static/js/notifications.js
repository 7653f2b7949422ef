// notifications.html: the signed-in person's notifications (mark read), their channels (mail, a
// WeCom or DingTalk group robot, the office's WeCom or DingTalk application) and how the outside
// deliveries went.
(function () {
  'use strict';
  var el = Jianbao.el;
  var SIZE = 20;
  var page = 0;

  function unreadOnly() {
    return document.querySelector('input[name=show]:checked').value === 'unread';
  }

  function showError(e) {
    var box = document.getElementById('error');
    box.textContent = e.message || '读取未成功，请检查网络后刷新。';
    box.hidden = false;
  }

  function load() {
    var p = new URLSearchParams({ page: page, size: SIZE });
    if (unreadOnly()) { p.set('unread', 'true'); }
    fetch('/api/notifications?' + p, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) {
        return r.json().then(function (data) {
          if (!r.ok) { throw new Error(data.detail || '读取未成功。'); }
          return { items: data, total: Number(r.headers.get('X-Total-Count') || data.length),
            unread: Number(r.headers.get('X-Unread-Count') || 0) };
        });
      })
      .then(render)
      .catch(showError);
  }

  function markRead(n) {
    return Jianbao.api('POST', '/api/notifications/' + n.id + '/read');
  }

  function render(result) {
    document.getElementById('error').hidden = true;
    var rows = document.getElementById('rows');
    rows.textContent = '';
    document.getElementById('empty').hidden = result.items.length > 0;
    document.getElementById('summary').textContent = '共 ' + result.total + ' 条，未读 ' + result.unread + ' 条';
    document.getElementById('read-all').disabled = result.unread === 0;
    result.items.forEach(function (n) {
      var tr = el('tr', n.readAt ? '' : 'unread');
      tr.appendChild(el('td', null, n.kindLabel));
      var td = el('td');
      if (n.link) {
        var a = el('a', null, n.message);
        a.href = n.link;
        a.addEventListener('click', function (e) {
          if (n.readAt) { return; }
          e.preventDefault();
          markRead(n).finally(function () { window.location.href = n.link; });
        });
        td.appendChild(a);
      } else {
        td.textContent = n.message;
      }
      tr.appendChild(td);
      tr.appendChild(el('td', 'nowrap', Jianbao.time(n.createdAt)));
      var state = el('td');
      if (n.readAt) {
        state.textContent = '已读';
      } else {
        var b = el('button', 'link', '标为已读');
        b.type = 'button';
        b.addEventListener('click', function () { markRead(n).then(load, showError); });
        state.appendChild(b);
      }
      tr.appendChild(state);
      rows.appendChild(tr);
    });
    var pager = document.getElementById('pager');
    pager.textContent = '';
    var pages = Math.ceil(result.total / SIZE);
    if (pages > 1) {
      var prev = el('button', null, '上一页');
      prev.disabled = page === 0;
      prev.addEventListener('click', function () { page--; load(); });
      var next = el('button', null, '下一页');
      next.disabled = page >= pages - 1;
      next.addEventListener('click', function () { page++; load(); });
      pager.appendChild(prev);
      pager.appendChild(el('span', null, '第 ' + (page + 1) + ' / ' + pages + ' 页'));
      pager.appendChild(next);
    }
  }

  var CHANNELS = [['app', '站内通知'], ['email', '邮件'], ['robot', '群机器人'], ['wecom', '企业微信'], ['dingtalk', '钉钉']];

  /**
   * Per kind of notice, a box per channel; a channel not set up (no e-mail, no robot, an application
   * the office has not configured or an account not entered) cannot be ticked.
   */
  function kinds(s) {
    var body = document.getElementById('kinds');
    body.textContent = '';
    s.kinds.forEach(function (k) {
      var tr = el('tr');
      var name = el('td', null, k.label);
      name.setAttribute('data-label', '通知类别');
      tr.appendChild(name);
      CHANNELS.forEach(function (c) {
        var td = el('td');
        td.setAttribute('data-label', c[1]);
        var box = el('input');
        box.type = 'checkbox';
        box.setAttribute('data-kind', k.kind);
        box.setAttribute('data-channel', c[0]);
        box.setAttribute('aria-label', k.label + '：' + c[1]);
        box.checked = k.channels.indexOf(c[0]) >= 0;
        box.disabled = s.available.indexOf(c[0]) < 0;
        if (box.disabled && (c[0] === 'wecom' || c[0] === 'dingtalk')) { box.title = appState(s, c[0]); }
        td.appendChild(box);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  /** A channel just set up (or given up) above: its column follows at once, ticked as by default. */
  function follow(channel, on) {
    document.querySelectorAll('#kinds input[data-channel="' + channel + '"]').forEach(function (b) {
      if (on && b.disabled) { b.checked = b.getAttribute('data-kind') !== 'issue_delivered'; }
      b.disabled = !on;
    });
  }
  document.getElementById('email').addEventListener('change', function (e) { follow('email', e.target.checked); });
  ['webhook-kind', 'webhook-url'].forEach(function (id) {
    document.getElementById(id).addEventListener('input', function () {
      follow('robot', !!(document.getElementById('webhook-kind').value && document.getElementById('webhook-url').value.trim()));
      secretField();
    });
  });

  /** Only a DingTalk robot has a signing secret (加签). */
  function secretField() {
    document.getElementById('webhook-secret-wrap').hidden = document.getElementById('webhook-kind').value !== 'dingtalk';
  }

  /** Why an application's column can or cannot be ticked. */
  function appState(s, channel) {
    var app = (s.apps || []).filter(function (a) { return a.channel === channel; })[0];
    if (!app || !app.configured) { return '本单位未启用' + (app ? app.label : channel) + '应用'; }
    if (!app.account) { return '管理员尚未登记您的' + app.label + '账号'; }
    return app.label + '账号：' + app.account;
  }

  function chosenKinds() {
    var out = {};
    document.querySelectorAll('#kinds input[data-kind]').forEach(function (b) {
      var k = b.getAttribute('data-kind');
      out[k] = out[k] || [];
      if (b.checked && !b.disabled) { out[k].push(b.getAttribute('data-channel')); }
    });
    return out;
  }

  function loadSettings() {
    Jianbao.api('GET', '/api/me/notification-settings').then(function (s) {
      document.getElementById('email').checked = !!s.email;
      document.getElementById('email').disabled = !s.emailAddress && !s.email;
      document.getElementById('email-address').textContent = s.emailAddress ? '（' + s.emailAddress + '）'
        : '（账号未登记邮箱，请联系管理员）';
      document.getElementById('webhook-kind').value = s.webhook ? s.webhook.kind : '';
      document.getElementById('webhook-url').value = s.webhook ? s.webhook.url : '';
      document.getElementById('webhook-hosts').textContent = '允许的地址：' + s.webhookHosts.join('、');
      var secretSet = !!(s.webhook && s.webhook.secretSet);
      document.getElementById('webhook-secret').value = '';
      document.getElementById('webhook-secret').placeholder = secretSet ? '已保存，留空则不变' : 'SEC…';
      document.getElementById('webhook-secret-state').textContent = secretSet
        ? '已保存的密钥：' + s.webhook.secretHint + '（不再完整显示）' : '未设置加签密钥。';
      document.getElementById('webhook-secret-clear').checked = false;
      document.getElementById('webhook-secret-clear-wrap').hidden = !secretSet;
      secretField();
      document.getElementById('apps').textContent = ['wecom', 'dingtalk'].map(function (c) {
        return appState(s, c);
      }).join('；') + '。';
      kinds(s);
    }, showError);
    var all = document.getElementById('all').checked;
    Jianbao.api('GET', '/api/notifications/deliveries' + (all ? '?all=true' : '')).then(function (list) {
      var rows = document.getElementById('deliveries');
      rows.textContent = '';
      document.getElementById('no-deliveries').hidden = list.length > 0;
      list.forEach(function (d) {
        var tr = el('tr', d.status === 'sent' ? '' : 'warn');
        tr.appendChild(el('td', null, d.recipientName));
        tr.appendChild(el('td', null, d.channelLabel));
        tr.appendChild(el('td', 'wrap', d.target));
        var st = el('td', null, d.statusLabel);
        if (d.lastError) { st.title = d.lastError; st.appendChild(el('div', 'hint', d.lastError)); }
        tr.appendChild(st);
        tr.appendChild(el('td', null, d.attempts));
        tr.appendChild(el('td', 'nowrap', Jianbao.time(d.sentAt || d.createdAt)));
        rows.appendChild(tr);
      });
    }, showError);
  }

  document.getElementById('settings').addEventListener('submit', function (e) {
    e.preventDefault();
    var kind = document.getElementById('webhook-kind').value;
    var url = document.getElementById('webhook-url').value.trim();
    var msg = document.getElementById('settings-msg');
    var webhook = kind && url ? { kind: kind, url: url } : null;
    if (webhook && kind === 'dingtalk') {
      // a secret typed in replaces the stored one; nothing typed keeps it; the box removes it
      var typed = document.getElementById('webhook-secret').value.trim();
      if (document.getElementById('webhook-secret-clear').checked) { webhook.secret = ''; }
      else if (typed) { webhook.secret = typed; }
    }
    Jianbao.api('PUT', '/api/me/notification-settings', {
      email: document.getElementById('email').checked,
      webhook: webhook,
      kinds: chosenKinds()
    }).then(function () {
      msg.className = 'msg ok';
      msg.textContent = '已保存：各类通知将按所选方式发送。';
      msg.hidden = false;
      loadSettings();
    }, function (err) {
      msg.className = 'msg error';
      msg.textContent = err.message;
      msg.hidden = false;
    });
  });
  document.querySelectorAll('input[name=show]').forEach(function (r) {
    r.addEventListener('change', function () { page = 0; load(); });
  });
  document.getElementById('read-all').addEventListener('click', function () {
    Jianbao.api('POST', '/api/notifications/read-all').then(load, showError);
  });
  document.getElementById('all').addEventListener('change', loadSettings);
  Jianbao.me.then(function (me) {
    document.getElementById('all-wrap').hidden = !(me && me.roles.indexOf('admin') >= 0);
  });
  load();
  loadSettings();
})();
