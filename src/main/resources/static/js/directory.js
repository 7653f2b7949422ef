// directory.html: the administrator's view of the network: units as a tree, people per unit,
// changes through /api/units and /api/people, the spreadsheet import through /api/directory/import.
(function () {
  'use strict';

  var ACTIONS = { create: '新增', update: '更新', unchanged: '无变化', refuse: '不能导入' };
  var units = [];
  var selected = null; // unit code, or null while showing search results

  function $(id) { return document.getElementById(id); }
  var el = Jianbao.el;
  var api = Jianbao.api;
  function pageError(text) {
    $('page-notice').hidden = true;
    $('page-error').textContent = text || '';
    $('page-error').hidden = !text;
  }

  /** What an action did, in a line above the list (it stays until the next action). */
  function pageNotice(text) {
    $('page-error').hidden = true;
    $('page-notice').textContent = text;
    $('page-notice').hidden = false;
  }

  // --- units ---

  function loadUnits() {
    return api('GET', '/api/units').then(function (list) {
      units = list;
      renderTree();
      fillUnitSelects();
      if (!selected && units.length) { select(units[0].code); }
      else if (selected) { showUnit(); }
    }).catch(function (e) {
      pageError(e.status === 403 ? '只有系统管理员可以维护单位和人员。' : e.message);
    });
  }

  function unit(code) {
    for (var i = 0; i < units.length; i++) { if (units[i].code === code) { return units[i]; } }
    return null;
  }

  function renderTree() {
    var showInactive = $('show-inactive').checked;
    var tree = $('unit-tree');
    tree.textContent = '';
    var children = {};
    units.forEach(function (u) {
      var parent = u.parentCode && unit(u.parentCode) ? u.parentCode : '';
      (children[parent] = children[parent] || []).push(u);
    });
    function branch(list, into) {
      list.forEach(function (u) {
        if (!u.active && !showInactive) { return; }
        var li = el('li');
        li.setAttribute('role', 'treeitem');
        var b = el('button', 'unit' + (u.code === selected ? ' current' : '') + (u.active ? '' : ' inactive'));
        b.type = 'button';
        b.appendChild(el('span', 'name', u.name));
        b.appendChild(el('span', 'kind', u.kindLabel + (u.active ? '' : ' · 已停用')));
        if (u.warnings.length) {
          var w = el('span', 'warn', '⚠ ' + u.warnings.length);
          w.title = u.warnings.join('\n');
          b.appendChild(w);
        }
        b.addEventListener('click', function () { select(u.code); });
        li.appendChild(b);
        if (children[u.code]) {
          var sub = el('ul');
          sub.setAttribute('role', 'group');
          branch(children[u.code], sub);
          li.appendChild(sub);
        }
        into.appendChild(li);
      });
    }
    branch(children[''] || [], tree);
  }

  function fillUnitSelects() {
    var parent = $('unit-form').parentCode;
    var personUnit = $('person-form').unitCode;
    parent.length = 1;
    personUnit.length = 0;
    units.forEach(function (u) {
      parent.appendChild(new Option(u.name + '（' + u.code + '）', u.code));
      if (u.active) { personUnit.appendChild(new Option(u.name, u.code)); }
    });
  }

  function select(code) {
    selected = code;
    $('query').value = '';
    renderTree();
    showUnit();
    loadPeople();
  }

  function showUnit() {
    var u = unit(selected);
    $('unit-actions').hidden = !u;
    var warnings = $('unit-warnings');
    warnings.textContent = '';
    if (!u) { return; }
    $('people-heading').textContent = u.name + ' · ' + u.kindLabel + (u.active ? '' : '（已停用）');
    $('toggle-unit').textContent = u.active ? '停用单位' : '启用单位';
    $('toggle-unit').hidden = u.kind === 'office'; // the office itself is never deactivated
    $('new-person').disabled = !u.active;
    u.warnings.forEach(function (w) { warnings.appendChild(el('li', null, w)); });
  }

  // --- people ---

  function loadPeople() {
    var q = $('query').value.trim();
    var url = q ? '/api/people?q=' + encodeURIComponent(q) : '/api/people?unit=' + encodeURIComponent(selected || '');
    if (q) {
      $('people-heading').textContent = '查找“' + q + '”';
      $('unit-actions').hidden = true;
      $('unit-warnings').textContent = '';
    }
    return api('GET', url).then(renderPeople).catch(function (e) { pageError(e.message); });
  }

  function renderPeople(list) {
    var body = $('people-body');
    body.textContent = '';
    $('people-empty').hidden = list.length > 0;
    list.forEach(function (p) {
      var tr = el('tr', p.active ? '' : 'inactive');
      [['姓名', p.name], ['用户名', p.userId], ['单位', p.unit.name], ['角色', p.roleLabels.join('、')],
        ['电话', p.phone || ''], ['邮箱', p.email || ''],
        ['状态', (p.active ? (p.mustChangePassword ? '启用（待改初始密码）' : '启用') : '已停用')
          + (p.lockedUntil ? '，登录已锁定至 ' + Jianbao.time(p.lockedUntil).substring(11) : '')]]
        .forEach(function (c) {
          var td = el('td', c[0] === '状态' && p.lockedUntil ? 'locked' : null, c[1]);
          td.setAttribute('data-label', c[0]);
          tr.appendChild(td);
        });
      var ops = el('td', 'ops');
      ops.setAttribute('data-label', '操作');
      ops.appendChild(action('编辑', function () { openPerson(p); }));
      ops.appendChild(action(p.active ? '停用' : '启用', function () {
        var verb = p.active ? '停用' : '启用';
        if (p.active && !window.confirm('停用“' + p.name + '”？停用后不能登录，其报送和审批记录保留。')) { return; }
        api('PATCH', '/api/people/' + encodeURIComponent(p.userId), { active: !p.active })
          .then(function () { return refresh(); })
          .catch(function (e) { pageError(verb + '未成功：' + e.message); });
      }));
      ops.appendChild(action('重置密码', function () {
        if (!window.confirm('为“' + p.name + '”重置密码？将生成新的初始密码，原密码失效，其已登录的会话全部退出。')) { return; }
        api('POST', '/api/people/' + encodeURIComponent(p.userId) + '/password-reset')
          .then(function (r) { secret(p.name + '（' + p.userId + '）的新初始密码：', r.initialPassword); return refresh(); })
          .catch(function (e) { pageError('重置密码未成功：' + e.message); });
      }));
      if (p.lockedUntil) {
        ops.appendChild(action('解锁', function () {
          api('POST', '/api/people/' + encodeURIComponent(p.userId) + '/unlock')
            .then(function () { pageNotice('已为“' + p.name + '”解除登录锁定，可立即登录。'); return refresh(); })
            .catch(function (e) { pageError('解锁未成功：' + e.message); });
        }));
      }
      if (p.active) {
        ops.appendChild(action('强制退出', function () {
          if (!window.confirm('让“' + p.name + '”在所有电脑和手机上退出登录？')) { return; }
          api('POST', '/api/people/' + encodeURIComponent(p.userId) + '/sessions/end')
            .then(function (r) {
              pageNotice(r.sessionsEnded > 0 ? '“' + p.name + '”的 ' + r.sessionsEnded + ' 个登录会话已结束。'
                : '“' + p.name + '”当前没有登录的会话。');
            })
            .catch(function (e) { pageError('强制退出未成功：' + e.message); });
        }));
      }
      tr.appendChild(ops);
      body.appendChild(tr);
    });
  }

  function action(text, handler) {
    var b = el('button', 'small quiet', text);
    b.type = 'button';
    b.addEventListener('click', handler);
    return b;
  }

  function refresh() {
    return Promise.all([loadUnits(), loadPeople()]);
  }

  // --- dialogs ---

  function formError(form, text) {
    var box = form.querySelector('[data-error]');
    box.textContent = text || '';
    box.hidden = !text;
  }

  function wireDialog(dialog, form, submit) {
    form.querySelector('[data-cancel]').addEventListener('click', function () { dialog.close(); });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      formError(form, '');
      var button = form.querySelector('button[type=submit]');
      button.disabled = true;
      submit().then(function (after) {
        dialog.close();
        if (after) { after(); }
        return refresh();
      }).catch(function (err) {
        formError(form, err.message);
        var field = err.problem && err.problem.field && form.elements[err.problem.field];
        if (field && field.focus) { field.focus(); }
      }).then(function () { button.disabled = false; });
    });
  }

  var editingUnit = null;
  function openUnit(u) {
    var form = $('unit-form');
    editingUnit = u;
    formError(form, '');
    $('unit-dialog-title').textContent = u ? '编辑单位' : '新建单位';
    form.code.value = u ? u.code : '';
    form.code.readOnly = !!u;
    form.name.value = u ? u.name : '';
    form.shortName.value = u && u.shortName ? u.shortName : '';
    form.kind.value = u ? u.kind : 'town';
    form.parentCode.value = u && u.parentCode ? u.parentCode : (u ? '' : (selected && unit(selected) && unit(selected).kind !== 'office' ? selected : ''));
    form.order.value = u ? u.order : '';
    $('unit-dialog').showModal();
  }
  wireDialog($('unit-dialog'), $('unit-form'), function () {
    var f = $('unit-form');
    var body = { name: f.name.value.trim(), kind: f.kind.value, parentCode: f.parentCode.value,
      order: f.order.value === '' ? null : Number(f.order.value), shortName: f.shortName.value.trim() || null };
    if (editingUnit) {
      return api('PATCH', '/api/units/' + encodeURIComponent(editingUnit.code), body).then(function () {
        return function () { pageNotice('已保存“' + body.name + '”。'); };
      });
    }
    body.code = f.code.value.trim();
    return api('POST', '/api/units', body).then(function (u) {
      return function () { selected = u.code; pageNotice('已新建单位“' + body.name + '”。'); };
    });
  });

  var editingPerson = null;
  function openPerson(p) {
    var form = $('person-form');
    editingPerson = p;
    formError(form, '');
    $('person-dialog-title').textContent = p ? '编辑人员' : '新建人员';
    form.userId.value = p ? p.userId : '';
    form.userId.readOnly = !!p;
    form.name.value = p ? p.name : '';
    form.unitCode.value = p ? p.unit.code : (selected || '');
    Array.prototype.forEach.call(form.querySelectorAll('input[name=roles]'), function (c) {
      c.checked = p ? p.roles.indexOf(c.value) >= 0 : false;
    });
    form.phone.value = p && p.phone ? p.phone : '';
    form.email.value = p && p.email ? p.email : '';
    form.wecomUserId.value = p && p.wecomUserId ? p.wecomUserId : '';
    form.dingtalkUserId.value = p && p.dingtalkUserId ? p.dingtalkUserId : '';
    form.password.value = '';
    Array.prototype.forEach.call(form.querySelectorAll('[data-password]'), function (x) { x.hidden = !!p; });
    $('person-dialog').showModal();
  }
  wireDialog($('person-dialog'), $('person-form'), function () {
    var f = $('person-form');
    var roles = Array.prototype.filter.call(f.querySelectorAll('input[name=roles]'), function (c) { return c.checked; })
      .map(function (c) { return c.value; });
    var body = { name: f.name.value.trim(), unitCode: f.unitCode.value, roles: roles, phone: f.phone.value.trim(),
      email: f.email.value.trim(), wecomUserId: f.wecomUserId.value.trim(), dingtalkUserId: f.dingtalkUserId.value.trim() };
    // after a change: what happened, said above the list, and the list of the person's unit kept in view
    var unitName = unit(body.unitCode) ? unit(body.unitCode).name : '';
    if (editingPerson) {
      return api('PATCH', '/api/people/' + encodeURIComponent(editingPerson.userId), body).then(function () {
        return function () { selected = body.unitCode; pageNotice('已保存' + body.name + '（' + unitName + '）的信息。'); };
      });
    }
    body.userId = f.userId.value.trim();
    if (f.password.value) { body.password = f.password.value; }
    return api('POST', '/api/people', body).then(function (p) {
      return function () {
        selected = body.unitCode;
        pageNotice('已新建人员' + body.name + '（' + unitName + '），登录名 ' + p.userId + '。');
        if (p.initialPassword) { secret(p.name + '（' + p.userId + '）的初始密码：', p.initialPassword); }
      };
    });
  });

  function secret(text, value) {
    $('secret-text').textContent = text;
    $('secret-value').textContent = value;
    $('secret-dialog').showModal();
  }

  // --- import ---

  var file = $('import-file');
  file.addEventListener('change', function () {
    $('import-name').textContent = file.files.length ? file.files[0].name : '未选择文件';
    $('import-dry').disabled = !file.files.length;
    $('import-run').disabled = true;
    $('import-result').textContent = '';
  });

  function runImport(dryRun) {
    var data = new FormData();
    data.append('file', file.files[0]);
    var box = $('import-result');
    box.textContent = '';
    box.appendChild(el('p', 'hint', dryRun ? '正在试导入……' : '正在导入……'));
    $('import-dry').disabled = true;
    $('import-run').disabled = true;
    return api('POST', '/api/directory/import?dryRun=' + dryRun, data).then(function (r) {
      showImport(r, dryRun);
      $('import-run').disabled = !dryRun || r.summary.refuse > 0;
      if (!dryRun) { return refresh(); }
    }).catch(function (e) {
      box.textContent = '';
      box.appendChild(el('p', 'msg error', e.message));
      if (e.problem && e.problem.rows) { showRows(e.problem.rows); }
    }).then(function () { $('import-dry').disabled = !file.files.length; });
  }

  function showImport(r, dryRun) {
    var box = $('import-result');
    box.textContent = '';
    var s = r.summary;
    var line = (dryRun ? '试导入结果（未保存）：' : '已导入：') + '新增 ' + s.create + ' 行，更新 ' + s.update
      + ' 行，无变化 ' + s.unchanged + ' 行' + (s.refuse ? '，不能导入 ' + s.refuse + ' 行' : '') + '。';
    box.appendChild(el('p', s.refuse ? 'msg error' : 'msg', line + (dryRun && !s.refuse ? '核对无误后点击“正式导入”。' : '')));
    if (r.initialPasswords && r.initialPasswords.length) {
      box.appendChild(el('p', 'hint', '新人员的初始密码只显示这一次，请妥善告知本人：'));
      var t = el('table', 'list small');
      r.initialPasswords.forEach(function (p) {
        var tr = el('tr');
        tr.appendChild(el('td', null, p.name));
        tr.appendChild(el('td', null, p.userId));
        tr.appendChild(el('td', 'secret', p.initialPassword));
        t.appendChild(tr);
      });
      box.appendChild(t);
    }
    showRows(r.rows);
  }

  function showRows(rows) {
    var t = el('table', 'list small rows');
    var head = el('tr');
    ['工作表', '行', '单位编码/用户名', '结果', '说明'].forEach(function (h) { head.appendChild(el('th', null, h)); });
    t.appendChild(head);
    rows.forEach(function (row) {
      var tr = el('tr', row.action);
      [row.sheet, row.row, row.key, ACTIONS[row.action] || row.action, row.message || ''].forEach(function (v, i) {
        var td = el('td', null, String(v));
        td.setAttribute('data-label', ['工作表', '行', '编码', '结果', '说明'][i]);
        tr.appendChild(td);
      });
      t.appendChild(tr);
    });
    $('import-result').appendChild(t);
  }

  $('import-dry').addEventListener('click', function () { runImport(true); });
  $('import-run').addEventListener('click', function () {
    if (window.confirm('确认正式导入？')) { runImport(false); }
  });

  // --- wiring ---

  $('new-unit').addEventListener('click', function () { openUnit(null); });
  $('edit-unit').addEventListener('click', function () { openUnit(unit(selected)); });
  $('toggle-unit').addEventListener('click', function () {
    var u = unit(selected);
    if (u.active && !window.confirm('停用“' + u.name + '”？停用后该单位不能再报送，已有信息和记录保留。')) { return; }
    api('PATCH', '/api/units/' + encodeURIComponent(u.code), { active: !u.active }).then(refresh)
      .catch(function (e) { pageError(e.message); });
  });
  $('new-person').addEventListener('click', function () { openPerson(null); });
  $('show-inactive').addEventListener('change', renderTree);
  $('search').addEventListener('submit', function (e) {
    e.preventDefault();
    if (!$('query').value.trim()) { select(selected || (units[0] && units[0].code)); return; }
    loadPeople();
  });

  loadUnits();
})();
