// rules.html: the assessment's rule tables and versions, the policy switches (administrators),
// and a new version: checked and previewed per unit, then installed from a chosen day.
(function () {
  'use strict';
  var el = Jianbao.el;
  var admin = false;

  function fail(e) {
    var box = document.getElementById('error');
    box.textContent = e.message;
    box.hidden = false;
  }

  function loadVersions() {
    Jianbao.api('GET', '/api/rules').then(function (versions) {
      var body = document.getElementById('versions');
      body.textContent = '';
      versions.forEach(function (v) {
        var tr = el('tr');
        [['规则表', v.label], ['版本', '第' + v.version + '版'], ['生效日期', v.effectiveFrom],
          ['登记人', v.recordedByName], ['说明', v.note || '']].forEach(function (c) {
          var td = el('td', null, c[1]);
          td.setAttribute('data-label', c[0]);
          tr.appendChild(td);
        });
        var td = el('td');
        var a = el('a', null, '下载');
        a.href = '/api/rules/' + encodeURIComponent(v.key) + '/' + v.version;
        td.appendChild(a);
        tr.appendChild(td);
        body.appendChild(tr);
      });
    }, fail);
  }

  function formData(withPeriod) {
    var f = document.getElementById('upload-form');
    var data = new FormData();
    if (f.elements.file.files[0]) { data.append('file', f.elements.file.files[0]); }
    if (!withPeriod) {
      if (f.elements.effectiveFrom.value) { data.append('effectiveFrom', f.elements.effectiveFrom.value); }
      if (f.elements.note.value) { data.append('note', f.elements.note.value); }
    }
    return data;
  }

  document.getElementById('preview').addEventListener('click', function () {
    var error = document.getElementById('upload-error');
    error.textContent = '';
    var period = document.getElementById('r-period').value.trim();
    Jianbao.api('POST', '/api/rules/preview' + (period ? '?period=' + encodeURIComponent(period) : ''), formData(true))
      .then(function (r) {
        document.getElementById('preview-title').textContent = r.tableLabel + '：' + r.period.label + '各单位积分的变化';
        var body = document.getElementById('preview-rows');
        body.textContent = '';
        r.units.forEach(function (u) {
          var tr = el('tr', Number(u.change) !== 0 ? 'own' : '');
          [['单位', u.unitName], ['现行积分', Number(u.current)], ['按新规则', Number(u.candidate)],
            ['变化', (Number(u.change) > 0 ? '+' : '') + Number(u.change)]].forEach(function (c) {
            var td = el('td', null, c[1]);
            td.setAttribute('data-label', c[0]);
            tr.appendChild(td);
          });
          body.appendChild(tr);
        });
        document.getElementById('preview-result').hidden = false;
      }, function (e) { error.textContent = e.message; });
  });

  document.getElementById('upload-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var error = document.getElementById('upload-error');
    error.textContent = '';
    if (!window.confirm('启用后，新版本自生效日期起用于计分，之前的时段不受影响。确认启用？')) { return; }
    var button = document.getElementById('install');
    button.disabled = true;
    Jianbao.api('POST', '/api/rules', formData(false)).then(function (v) {
      window.alert(v.label + '第' + v.version + '版已启用，自' + v.effectiveFrom + '起生效。');
      loadVersions();
    }, function (e) { error.textContent = e.message; }).then(function () { button.disabled = false; });
  });


  // --- the grid: the version of a table in force today, its cells changed in place ---
  var grid = null;

  function showPreview(r, prefix) {
    document.getElementById(prefix + 'preview-title').textContent = r.tableLabel + '：' + r.period.label + '各单位积分的变化';
    var body = document.getElementById(prefix + 'preview-rows');
    body.textContent = '';
    r.units.forEach(function (u) {
      var tr = el('tr', Number(u.change) !== 0 ? 'own' : '');
      [['单位', u.unitName], ['现行积分', Number(u.current)], ['按新规则', Number(u.candidate)],
        ['变化', (Number(u.change) > 0 ? '+' : '') + Number(u.change)]].forEach(function (c) {
        var td = el('td', null, c[1]);
        td.setAttribute('data-label', c[0]);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    document.getElementById(prefix + 'preview-result').hidden = false;
  }

  function loadGrid(key) {
    document.getElementById('g-preview-result').hidden = true;
    document.getElementById('grid-error').textContent = '';
    return Jianbao.api('GET', '/api/rules/' + encodeURIComponent(key) + '/grid').then(function (g) {
      grid = g;
      document.getElementById('g-version').textContent = '现行第' + g.version + '版（' + g.effectiveFrom
        + '起生效）。改动的数值写入新版本，自所选日期起用于计分。' + g.scheduled.map(function (v) {
          return '另有第' + v.version + '版将于' + v.effectiveFrom + '起生效。';
        }).join('');
      var head = document.getElementById('g-head');
      head.textContent = '';
      var htr = el('tr');
      htr.appendChild(el('th', null, '适用情形'));
      g.columns.forEach(function (c) { htr.appendChild(el('th', null, c.label)); });
      head.appendChild(htr);
      var body = document.getElementById('g-rows');
      body.textContent = '';
      g.rows.forEach(function (r) {
        var tr = el('tr');
        var name = el('td', 'rule-name', r.label);
        name.setAttribute('data-label', '适用情形');
        tr.appendChild(name);
        g.columns.forEach(function (c) {
          var td = el('td');
          td.setAttribute('data-label', c.label);
          var input;
          if (c.type === 'number') {
            input = el('input');
            input.type = 'text';
            input.inputMode = 'decimal';
            input.value = String(r.values[c.name]);
          } else {
            input = el('select');
            c.options.forEach(function (o) {
              var opt = el('option', null, o.label);
              opt.value = o.value;
              input.appendChild(opt);
            });
            input.value = r.values[c.name];
          }
          input.setAttribute('aria-label', r.label + ' ' + c.label);
          input.dataset.rule = r.id;
          input.dataset.column = c.name;
          input.dataset.original = String(r.values[c.name]);
          input.addEventListener('input', function () {
            input.classList.toggle('changed', input.value.trim() !== input.dataset.original);
            document.getElementById('grid-error').textContent = '';
          });
          td.appendChild(input);
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
    }, fail);
  }

  /** The cells changed, by rule and column; null where nothing was. */
  function changes() {
    var rows = {};
    var any = false;
    document.querySelectorAll('#g-rows [data-rule]').forEach(function (x) {
      if (x.value.trim() !== x.dataset.original) {
        rows[x.dataset.rule] = rows[x.dataset.rule] || {};
        rows[x.dataset.rule][x.dataset.column] = x.value.trim();
        any = true;
      }
    });
    return any ? rows : null;
  }

  function nextMonth() {
    var d = new Date();
    var first = new Date(d.getFullYear(), d.getMonth() + 1, 1);
    return first.getFullYear() + '-' + String(first.getMonth() + 1).padStart(2, '0') + '-01';
  }

  document.getElementById('g-table').addEventListener('change', function (ev) { loadGrid(ev.target.value); });

  document.getElementById('g-preview').addEventListener('click', function () {
    var error = document.getElementById('grid-error');
    error.textContent = '';
    var rows = changes();
    if (!rows) { error.textContent = '还没有改动任何数值。'; return; }
    var button = document.getElementById('g-preview');
    button.disabled = true;
    Jianbao.api('POST', '/api/rules/' + encodeURIComponent(grid.key) + '/grid/preview', { version: grid.version, latest: grid.latest,
      rows: rows, period: document.getElementById('g-period').value.trim() || null })
      .then(function (r) { showPreview(r, 'g-'); }, function (e) { error.textContent = e.message; })
      .then(function () { button.disabled = false; });
  });

  document.getElementById('grid-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var error = document.getElementById('grid-error');
    error.textContent = '';
    var rows = changes();
    if (!rows) { error.textContent = '还没有改动任何数值。'; return; }
    var f = ev.target;
    if (!f.elements.note.value.trim()) { error.textContent = '请写明修改依据。'; f.elements.note.focus(); return; }
    if (!f.elements.effectiveFrom.value) { error.textContent = '请选择生效日期。'; f.elements.effectiveFrom.focus(); return; }
    if (!window.confirm('新版本自' + f.elements.effectiveFrom.value + '起用于计分，之前的时段不受影响。确认启用？')) { return; }
    var button = document.getElementById('g-install');
    button.disabled = true;
    Jianbao.api('POST', '/api/rules/' + encodeURIComponent(grid.key) + '/grid', { version: grid.version, latest: grid.latest, rows: rows,
      effectiveFrom: f.elements.effectiveFrom.value, note: f.elements.note.value.trim() }).then(function (v) {
      var done = document.getElementById('grid-done');
      done.textContent = v.label + '第' + v.version + '版已启用，自' + v.effectiveFrom + '起生效。';
      done.hidden = false;
      f.elements.note.value = '';
      loadVersions();
      loadGrid(grid.key);
    }, function (e) { error.textContent = e.message; }).then(function () { button.disabled = false; });
  });

  document.getElementById('policy-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var f = ev.target;
    var error = document.getElementById('policy-error');
    error.textContent = '';
    Jianbao.api('PUT', '/api/assessment/settings', { rankPublicly: f.elements.rankPublicly.checked,
      showOthersPoints: f.elements.showOthersPoints.checked, scoreInstructions: f.elements.scoreInstructions.checked })
      .then(function () { error.textContent = '已保存。'; }, function (e) { error.textContent = e.message; });
  });

  Jianbao.me.then(function (me) {
    admin = me && me.roles.indexOf('admin') >= 0;
    var policy = document.getElementById('policy-form');
    Array.prototype.forEach.call(policy.elements, function (x) { x.disabled = !admin; });
    document.getElementById('policy-save').hidden = !admin;
    if (!admin) { document.getElementById('policy-error').textContent = '考核规定由系统管理员设置。'; }
    document.getElementById('install').hidden = !admin;
    // trying a new table is the office's work; the auditor reads the tables and their history
    document.getElementById('upload-card').hidden = !(me && ['editor', 'signer', 'admin'].some(function (r) {
      return me.roles.indexOf(r) >= 0;
    }));
    document.getElementById('r-from').min = new Date().toISOString().substring(0, 10);
    var office = me && ['editor', 'signer', 'admin'].some(function (r) { return me.roles.indexOf(r) >= 0; });
    document.getElementById('grid-card').hidden = !office;
    document.getElementById('g-install').hidden = !admin;
    document.getElementById('g-admin-only').hidden = admin;
    document.getElementById('g-from').value = nextMonth();
    document.getElementById('g-from').min = new Date().toISOString().substring(0, 10);
    if (office) {
      Jianbao.api('GET', '/api/rules').then(function (versions) {
        var select = document.getElementById('g-table');
        var seen = {};
        versions.forEach(function (v) {
          if (seen[v.key]) { return; }
          seen[v.key] = true;
          var o = el('option', null, v.label);
          o.value = v.key;
          select.appendChild(o);
        });
        if (select.options.length) { loadGrid(select.value); }
      }, fail);
    }
    Jianbao.api('GET', '/api/assessment/settings').then(function (s) {
      policy.elements.rankPublicly.checked = s.rankPublicly;
      policy.elements.showOthersPoints.checked = s.showOthersPoints;
      policy.elements.scoreInstructions.checked = s.scoreInstructions;
    });
    loadVersions();
  });
})();
