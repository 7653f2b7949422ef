// commissions.html: 约稿 and 报送计划. /commissions lists (the office: all, with the form to commission
// and the plans; a unit: its own), /commissions/{id} one commission (a unit's first look records
// the reading), /plans/{id} a plan's progress by topic and unit.
(function () {
  'use strict';
  var el = Jianbao.el;
  var $ = function (id) { return document.getElementById(id); };
  var path = window.location.pathname;
  var units = [];
  var kinds = [];

  function fail(e) { $('error').textContent = e.message; $('error').hidden = false; }
  function ok(text) { $('ok').textContent = text; $('ok').hidden = false; $('error').hidden = true; }
  function status(code, label) { return el('span', 'st ' + code, label); }
  function office(me) { return me.roles.some(function (r) { return ['editor', 'signer', 'auditor', 'admin'].indexOf(r) >= 0; }); }
  function editor(me) { return me.roles.some(function (r) { return r === 'editor' || r === 'signer'; }); }
  function deadlineIso(v) { return v ? v + ':00+08:00' : null; } // typed in Beijing time

  function progress(c) {
    var total = c.units.length;
    var done = c.counts.answered + c.counts.declined;
    var td = el('td');
    var bar = el('span', 'progress');
    var fill = el('span');
    fill.style.width = (total ? Math.round(done / total * 100) : 0) + '%';
    bar.appendChild(fill);
    td.appendChild(bar);
    td.appendChild(document.createTextNode('已答复 ' + done + '/' + total + (c.counts.overdue ? '，逾期 ' + c.counts.overdue : '')));
    return td;
  }

  // --- the list ---
  function list(me) {
    $('list-view').hidden = false;
    var isOffice = office(me);
    var head = el('tr');
    (isOffice ? ['题目', '截止时间', '发起', '进度'] : ['题目', '截止时间', '状态', '']).forEach(function (h) { head.appendChild(el('th', null, h)); });
    $('list-head').appendChild(head);
    $('list-title').textContent = isOffice ? '全部约稿' : '本单位收到的约稿';
    Jianbao.api('GET', '/api/commissions').then(function (cs) {
      $('empty').hidden = cs.length > 0;
      if (!cs.length && $('new-details')) { $('new-details').open = true; }
      cs.forEach(function (c) {
        var tr = el('tr');
        var t = el('td');
        var a = el('a', null, c.title);
        a.href = '/commissions/' + c.id;
        t.appendChild(a);
        tr.appendChild(t);
        tr.appendChild(el('td', 'nowrap', Jianbao.time(c.deadline)));
        if (isOffice) {
          tr.appendChild(el('td', null, c.createdByName));
          tr.appendChild(progress(c));
        } else {
          var row = c.units[0];
          var s = el('td');
          s.appendChild(status(row.status, row.statusLabel));
          tr.appendChild(s);
          var act = el('td');
          if (row.status === 'unread' || row.status === 'read') {
            var go = el('a', null, '报送答复');
            go.href = '/submit?commission=' + c.id;
            act.appendChild(go);
          }
          tr.appendChild(act);
        }
        $('rows').appendChild(tr);
      });
    }, fail);
    if (editor(me)) { newForm(); }
    if (isOffice) { planList(me); }
  }

  function newForm() {
    $('new-card').hidden = false;
    Promise.all([Jianbao.api('GET', '/api/recipients'), Jianbao.meta]).then(function (r) {
      units = r[0].units.filter(function (u) { return u.kind !== 'office'; });
      kinds = r[1].kinds;
      kinds.forEach(function (k) {
        var l = el('label');
        var i = el('input');
        i.type = 'checkbox';
        i.value = k.code;
        i.checked = true;
        l.appendChild(i);
        l.appendChild(document.createTextNode(k.label));
        $('c-kinds').appendChild(l);
      });
      units.forEach(function (u) {
        var l = el('label');
        var i = el('input');
        i.type = 'checkbox';
        i.value = u.code;
        i.dataset.kind = u.kind;
        l.appendChild(i);
        l.appendChild(document.createTextNode(u.name));
        $('c-units').appendChild(l);
      });
      addTopic();
    }, fail);
    document.querySelectorAll('[data-pick]').forEach(function (b) {
      b.addEventListener('click', function () {
        document.querySelectorAll('#c-units input').forEach(function (i) {
          if (b.dataset.pick === 'none') { i.checked = false; } else if (i.dataset.kind === b.dataset.pick) { i.checked = true; }
        });
      });
    });
    $('new').addEventListener('submit', function (e) {
      e.preventDefault();
      var body = {
        title: $('c-title').value.trim(), description: $('c-description').value.trim(),
        kinds: Array.prototype.map.call(document.querySelectorAll('#c-kinds input:checked'), function (i) { return i.value; }),
        deadline: deadlineIso($('c-deadline').value),
        units: Array.prototype.map.call(document.querySelectorAll('#c-units input:checked'), function (i) { return i.value; })
      };
      Jianbao.api('POST', '/api/commissions', body).then(function (c) {
        window.location.href = '/commissions/' + c.id;
      }, fail);
    });
  }

  // --- plans ---
  function planList() {
    $('plans-card').hidden = false;
    Jianbao.api('GET', '/api/plans').then(function (plans) {
      $('no-plans').hidden = plans.length > 0;
      plans.forEach(function (p) {
        var tr = el('tr');
        var t = el('td');
        var a = el('a', null, p.title);
        a.href = '/plans/' + p.id;
        t.appendChild(a);
        tr.appendChild(t);
        tr.appendChild(el('td', null, p.periodLabel));
        tr.appendChild(el('td', null, p.topics.length));
        tr.appendChild(el('td', null, p.status === 'published' ? '已发布' : '草稿'));
        var done = 0;
        var total = 0;
        p.topics.forEach(function (t) {
          if (t.commission) { total += t.commission.units.length; done += t.commission.counts.answered + t.commission.counts.declined; }
        });
        tr.appendChild(el('td', null, total ? '已答复 ' + done + '/' + total : '—'));
        $('plans').appendChild(tr);
      });
    }, fail);
    $('add-topic').addEventListener('click', addTopic);
    $('new-plan').addEventListener('submit', function (e) {
      e.preventDefault();
      var topics = Array.prototype.map.call(document.querySelectorAll('#p-topics tr'), function (tr) {
        var scope = tr.querySelector('select').value;
        return { title: tr.querySelector('.t-title').value.trim(), description: '',
          deadline: deadlineIso(tr.querySelector('.t-deadline').value),
          units: units.filter(function (u) { return scope === 'all' || u.kind === scope; }).map(function (u) { return u.code; }) };
      });
      Jianbao.api('POST', '/api/plans', { title: $('p-title').value.trim(), period: $('p-period').value.trim(), topics: topics })
        .then(function (p) { window.location.href = '/plans/' + p.id; }, fail);
    });
  }

  function addTopic() {
    var tr = el('tr');
    var t = el('td');
    var title = el('input', 't-title');
    title.maxLength = 200;
    title.setAttribute('aria-label', '选题');
    t.appendChild(title);
    tr.appendChild(t);
    var d = el('td');
    var deadline = el('input', 't-deadline');
    deadline.type = 'datetime-local';
    deadline.setAttribute('aria-label', '截止时间');
    d.appendChild(deadline);
    tr.appendChild(d);
    var u = el('td');
    var scope = el('select');
    scope.setAttribute('aria-label', '约稿单位');
    [['all', '全部单位'], ['town', '全部乡镇街道'], ['member', '全部成员单位']].forEach(function (o) {
      var opt = el('option', null, o[1]);
      opt.value = o[0];
      scope.appendChild(opt);
    });
    u.appendChild(scope);
    tr.appendChild(u);
    var x = el('td');
    var remove = el('button', 'link', '删除');
    remove.type = 'button';
    remove.addEventListener('click', function () { tr.remove(); });
    x.appendChild(remove);
    tr.appendChild(x);
    $('p-topics').appendChild(tr);
  }

  // --- one commission ---
  function detail(me, id) {
    $('detail-view').hidden = false;
    Jianbao.api('GET', '/api/commissions/' + encodeURIComponent(id)).then(function (c) {
      document.title = c.title + ' · 约稿';
      $('heading').textContent = '约稿：' + c.title;
      $('d-meta').textContent = c.createdByName + ' ' + Jianbao.time(c.createdAt) + ' 发出；截止 ' + Jianbao.time(c.deadline)
        + '；类别：' + c.kindLabels.join('、');
      $('d-description').textContent = c.description || '（无具体要求）';
      $('d-counts').textContent = '未读 ' + c.counts.unread + '，已读 ' + c.counts.read + '，已报送 ' + c.counts.answered
        + '，已谢绝 ' + c.counts.declined + '，逾期 ' + c.counts.overdue;
      var body = $('d-units');
      body.textContent = '';
      c.units.forEach(function (u) {
        var tr = el('tr');
        tr.appendChild(el('td', null, u.unit.name));
        var s = el('td');
        s.appendChild(status(u.status, u.statusLabel));
        tr.appendChild(s);
        tr.appendChild(el('td', null, u.readAt ? Jianbao.time(u.readAt) + ' ' + (u.readBy || '') : ''));
        var ans = el('td');
        u.submissionIds.forEach(function (sid) {
          var a = el('a', null, '查看报送');
          a.href = '/items/' + sid;
          ans.appendChild(a);
        });
        if (u.answeredAt) { ans.appendChild(el('div', 'hint', Jianbao.time(u.answeredAt))); }
        tr.appendChild(ans);
        tr.appendChild(el('td', null, u.declineReason ? '谢绝理由：' + u.declineReason
          : u.overdueAt ? '逾期于 ' + Jianbao.time(u.overdueAt) : u.remindedAt ? '已于 ' + Jianbao.time(u.remindedAt) + ' 提醒' : ''));
        body.appendChild(tr);
      });
      var acts = $('d-actions');
      acts.textContent = '';
      var mine = !office(me) && c.units.length === 1 && (c.units[0].status === 'unread' || c.units[0].status === 'read');
      if (mine) {
        if (me.roles.indexOf('liaison') >= 0) {
          var go = el('a', 'button', '报送答复');
          go.href = '/submit?commission=' + c.id;
          acts.appendChild(go);
        }
        var no = el('button', null, '说明理由并谢绝');
        no.type = 'button';
        no.addEventListener('click', function () {
          var reason = window.prompt('请说明谢绝的理由：');
          if (reason === null) { return; }
          Jianbao.api('POST', '/api/commissions/' + c.id + '/decline', { reason: reason }).then(function () {
            ok('已谢绝该约稿。');
            detail(me, id);
          }, fail);
        });
        acts.appendChild(no);
      }
    }, fail);
  }

  // --- one plan ---
  function plan(me, id) {
    $('plan-view').hidden = false;
    Jianbao.api('GET', '/api/plans/' + encodeURIComponent(id)).then(function (p) {
      $('heading').textContent = '报送计划：' + p.title;
      $('pl-meta').textContent = p.periodLabel + '；' + p.createdByName + ' 制定；' + (p.status === 'published'
        ? Jianbao.time(p.publishedAt) + ' 发布' : '草稿，尚未发布');
      var acts = $('pl-actions');
      acts.textContent = '';
      if (p.status === 'draft' && editor(me)) {
        var pub = el('button', 'primary', '发布计划（向各单位发出约稿）');
        pub.type = 'button';
        pub.addEventListener('click', function () {
          Jianbao.api('POST', '/api/plans/' + p.id + '/publish').then(function () { ok('已发布，约稿已发出。'); plan(me, id); }, fail);
        });
        acts.appendChild(pub);
      }
      var grid = $('pl-grid');
      grid.textContent = '';
      var unitNames = {};
      var codes = [];
      p.topics.forEach(function (t) {
        (t.commission ? t.commission.units.map(function (u) { return u.unit; }) : t.units.map(function (c) { return { code: c, name: c }; }))
          .forEach(function (u) { if (!unitNames[u.code]) { unitNames[u.code] = u.name; codes.push(u.code); } });
      });
      var head = el('tr');
      head.appendChild(el('th', null, '选题'));
      head.appendChild(el('th', null, '截止'));
      codes.forEach(function (c) { head.appendChild(el('th', null, unitNames[c])); });
      var thead = el('thead');
      thead.appendChild(head);
      grid.appendChild(thead);
      var body = el('tbody');
      p.topics.forEach(function (t) {
        var tr = el('tr');
        var name = el('td');
        if (t.commissionId) {
          var a = el('a', null, t.title);
          a.href = '/commissions/' + t.commissionId;
          name.appendChild(a);
        } else {
          name.textContent = t.title;
        }
        tr.appendChild(name);
        tr.appendChild(el('td', 'nowrap', Jianbao.time(t.deadline)));
        codes.forEach(function (c) {
          var td = el('td');
          var row = t.commission && t.commission.units.filter(function (u) { return u.unit.code === c; })[0];
          if (row) { td.appendChild(status(row.status, row.statusLabel)); } else if (t.units.indexOf(c) >= 0) { td.textContent = '待发布'; }
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
      grid.appendChild(body);
    }, fail);
  }

  Jianbao.me.then(function (me) {
    if (!me) { return; }
    var m;
    if ((m = path.match(/^\/commissions\/([0-9a-fA-F-]{36})$/))) { detail(me, m[1]); }
    else if ((m = path.match(/^\/plans\/([0-9a-fA-F-]{36})$/))) { plan(me, m[1]); }
    else { list(me); }
  });
})();
