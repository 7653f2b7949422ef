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
        [['规则表', v.label + '（' + v.key + '）'], ['版本', '第' + v.version + '版'], ['生效日期', v.effectiveFrom],
          ['登记人', v.recordedBy === 'system' ? '系统' : v.recordedBy], ['说明', v.note || '']].forEach(function (c) {
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
    Jianbao.api('GET', '/api/assessment/settings').then(function (s) {
      policy.elements.rankPublicly.checked = s.rankPublicly;
      policy.elements.showOthersPoints.checked = s.showOthersPoints;
      policy.elements.scoreInstructions.checked = s.scoreInstructions;
    });
    loadVersions();
  });
})();
