// assessment.html: a period's figures per unit (rankings, a chart, the 通报 and ledger downloads for
// the office), the points ledger with reversals, and the deduction form. What a unit sees follows
// the office's policy switches; the office sees everything.
(function () {
  'use strict';
  var el = Jianbao.el;
  var form = document.getElementById('period-form');
  var SIZE = 20;
  var me = null;
  var office = false;
  var chart = null;
  var ledgerPage = 0;
  var period = null;

  function num(v) { return v === null || v === undefined ? '—' : String(Number(v)); }

  function currentCode() {
    var kind = form.elements.kind.value;
    if (kind === 'year') { return form.elements.year.value; }
    if (kind === 'quarter') { return form.elements.year.value + '-Q' + form.elements.quarter.value; }
    return form.elements.month.value;
  }

  function showFields() {
    var kind = form.elements.kind.value;
    document.getElementById('month-field').hidden = kind !== 'month';
    document.getElementById('quarter-field').hidden = kind !== 'quarter';
    document.getElementById('year-field').hidden = kind === 'month';
  }

  function fail(e) {
    var box = document.getElementById('error');
    box.textContent = e.message || '读取未成功。';
    box.hidden = false;
  }

  function load() {
    var code = currentCode();
    history.replaceState(null, '', '/assessment?period=' + encodeURIComponent(code));
    Jianbao.api('GET', '/api/rankings?period=' + encodeURIComponent(code)).then(render, fail);
    ledgerPage = 0;
    loadLedger();
  }

  function render(r) {
    document.getElementById('error').hidden = true;
    period = r.period;
    document.getElementById('heading').textContent = '考核积分 · ' + r.period.label;
    var stats = document.getElementById('stats');
    stats.textContent = '';
    // where other units' figures are not shown, neither are the network's totals: the unit's own instead
    var network = r.submitted !== undefined && r.submitted !== null;
    var visibleRows = (r.towns || []).concat(r.members || []);
    var submitted = network ? r.submitted : visibleRows.reduce(function (n, x) { return n + x.submitted; }, 0);
    var adopted = network ? r.adopted : visibleRows.reduce(function (n, x) { return n + x.adopted; }, 0);
    var who = network ? '' : '本单位';
    [[who + '报送信息', submitted + ' 条'], [who + '采用信息', adopted + ' 条'],
      [who + '采用率', submitted ? Math.round(adopted * 100 / submitted) + '%' : '—']]
      .concat(r.points !== undefined ? [['积分合计', num(r.points) + ' 分']] : [])
      .forEach(function (s) {
        var card = el('div', 'stat');
        card.appendChild(el('span', 'label', s[0]));
        card.appendChild(el('strong', null, s[1]));
        stats.appendChild(card);
      });
    var note = r.complete ? '' : '本时段尚未结束，数据截至目前。';
    if (!office) {
      note += r.settings.rankPublicly ? (r.settings.showOthersPoints ? '' : '其他单位的积分不公开。')
        : '按照减轻基层负担的要求，排名不公开，仅显示本单位的情况。';
    }
    document.getElementById('policy-note').textContent = note;
    rows('towns', r.towns);
    rows('members', r.members);
    drawChart(r);
    if (office) {
      var q = 'period=' + encodeURIComponent(r.period.code);
      document.getElementById('dl-pdf').href = '/api/reports/monthly?' + q + '&format=pdf';
      document.getElementById('dl-docx').href = '/api/reports/monthly?' + q + '&format=docx';
      document.getElementById('dl-xlsx').href = '/api/reports/monthly?' + q + '&format=xlsx';
      var unit = document.getElementById('ledger-form').elements.unit.value;
      document.getElementById('dl-ledger').href = '/api/ledger/export?' + q + (unit ? '&unit=' + encodeURIComponent(unit) : '');
    }
  }

  function rows(id, list) {
    var body = document.getElementById(id);
    body.textContent = '';
    if (!list.length) {
      var tr = el('tr');
      var td = el('td', 'empty', '无');
      td.colSpan = 11;
      tr.appendChild(td);
      body.appendChild(tr);
      return;
    }
    list.forEach(function (x) {
      var tr = el('tr', me && x.unit === me.unit.code ? 'own' : '');
      [['排名', x.rank === null || x.rank === undefined ? '—' : x.rank], ['单位', x.unitName], ['报送', x.submitted],
        ['采用', x.adopted], ['单独刊发', x.standalone], ['综合采用', x.comprehensive], ['上级采用', x.higherAdoptions],
        ['批示', x.instructions], ['媒体采用', x.mediaUses], ['积分', num(x.points)], ['稿酬（元）', num(x.yuan)]]
        .forEach(function (c) {
          var td = el('td', null, c[1]);
          td.setAttribute('data-label', c[0]);
          tr.appendChild(td);
        });
      body.appendChild(tr);
    });
  }

  function drawChart(r) {
    var all = r.towns.concat(r.members).filter(function (x) { return x.points !== null && x.points !== undefined; });
    var card = document.getElementById('chart-card');
    card.hidden = all.length < 2 || !window.echarts;
    if (card.hidden) { return; }
    if (!chart) { chart = window.echarts.init(document.getElementById('chart'), null, { renderer: 'canvas' }); }
    var names = all.map(function (x) { return x.unitName; });
    chart.setOption({
      color: ['#1f4e79', '#7aa6d1', '#c0392b'],
      tooltip: { trigger: 'axis' },
      legend: { data: ['积分', '采用（条）'], top: 0 },
      grid: { left: 48, right: 48, top: 36, bottom: 72 },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 || document.getElementById('chart').clientWidth < 500 ? 35 : 0 } },
      yAxis: [{ type: 'value', name: '积分' }, { type: 'value', name: '条', minInterval: 1 }],
      series: [
        { name: '积分', type: 'bar', data: all.map(function (x) { return Number(x.points); }) },
        { name: '采用（条）', type: 'line', yAxisIndex: 1, data: all.map(function (x) { return x.adopted; }) }
      ]
    }, true);
    chart.resize();
  }

  function loadLedger() {
    var unit = document.getElementById('ledger-form').elements.unit.value;
    var code = currentCode();
    var p;
    try { p = periodDays(code); } catch (e) { return; }
    var q = new URLSearchParams({ from: p[0], to: p[1], page: ledgerPage, size: SIZE });
    if (unit) { q.set('unit', unit); }
    fetch('/api/ledger?' + q, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) {
        return r.json().then(function (data) {
          if (!r.ok) { throw new Error(data.detail || '读取未成功。'); }
          return { entries: data, total: Number(r.headers.get('X-Total-Count') || 0),
            points: r.headers.get('X-Points-Total') };
        });
      })
      .then(renderLedger, fail);
  }

  // the first and last day of a period code, as the server reads it
  function periodDays(code) {
    var m = /^(\d{4})-(\d{2})$/.exec(code);
    if (m) {
      var last = new Date(Number(m[1]), Number(m[2]), 0).getDate();
      return [m[1] + '-' + m[2] + '-01', m[1] + '-' + m[2] + '-' + String(last).padStart(2, '0')];
    }
    m = /^(\d{4})-Q([1-4])$/.exec(code);
    if (m) {
      var start = (Number(m[2]) - 1) * 3 + 1;
      var end = start + 2;
      var lastQ = new Date(Number(m[1]), end, 0).getDate();
      return [m[1] + '-' + String(start).padStart(2, '0') + '-01', m[1] + '-' + String(end).padStart(2, '0') + '-' + lastQ];
    }
    m = /^(\d{4})$/.exec(code);
    if (m) { return [m[1] + '-01-01', m[1] + '-12-31']; }
    throw new Error('时段格式不正确');
  }

  function renderLedger(result) {
    document.getElementById('ledger-summary').textContent = '共 ' + result.total + ' 条记录，积分合计 ' + num(result.points) + ' 分';
    var body = document.getElementById('ledger');
    body.textContent = '';
    result.entries.forEach(function (e) {
      var tr = el('tr', e.reversed ? 'reversed' : (Number(e.points) < 0 ? 'minus' : ''));
      var cells = [['日期', e.at], ['单位', e.unit.name], ['事项', e.eventLabel], ['积分', num(e.points)]];
      cells.forEach(function (c) {
        var td = el('td', null, c[1]);
        td.setAttribute('data-label', c[0]);
        tr.appendChild(td);
      });
      var what = el('td');
      what.setAttribute('data-label', '说明');
      if (e.submissionId) {
        var a = el('a', null, e.explanation);
        a.href = '/items/' + encodeURIComponent(e.submissionId);
        what.appendChild(a);
      } else {
        what.textContent = e.explanation;
      }
      if (e.reversed) { what.appendChild(el('span', 'reason', '已冲正')); }
      tr.appendChild(what);
      // the rule by its name and the day its version applies from (采用积分 第2版，2026年12月1日起)
      var basis = el('td', 'muted', e.rule ? e.ruleLabel + ' 第' + e.ruleVersion + '版'
        + (e.ruleFrom ? '（' + Jianbao.date(e.ruleFrom + 'T12:00:00+08:00') + '起）' : '') + ' · ' + e.recordedByName
        : e.recordedByName);
      basis.setAttribute('data-label', '依据');
      tr.appendChild(basis);
      var act = el('td');
      if (office && me.roles.indexOf('auditor') < 0 && !e.reversed && !e.reverses) {
        var b = el('button', 'small quiet', '冲正');
        b.type = 'button';
        b.addEventListener('click', function () { reverse(e); });
        act.appendChild(b);
      }
      tr.appendChild(act);
      body.appendChild(tr);
    });
    var pager = document.getElementById('ledger-pager');
    pager.textContent = '';
    var pages = Math.ceil(result.total / SIZE);
    if (pages > 1) {
      pager.appendChild(button('上一页', ledgerPage > 0, function () { ledgerPage--; loadLedger(); }));
      pager.appendChild(el('span', 'hint', (ledgerPage + 1) + ' / ' + pages));
      pager.appendChild(button('下一页', ledgerPage + 1 < pages, function () { ledgerPage++; loadLedger(); }));
    }
  }

  function reverse(e) {
    var reason = window.prompt('冲正“' + e.explanation + '”（' + num(e.points) + ' 分）。请填写理由：');
    if (reason === null) { return; }
    Jianbao.api('POST', '/api/ledger/' + encodeURIComponent(e.id) + '/reversal', { reason: reason })
      .then(load, function (err) { window.alert(err.message); });
  }

  function button(text, enabled, handler) {
    var b = el('button', 'small quiet', text);
    b.type = 'button';
    b.disabled = !enabled;
    b.addEventListener('click', handler);
    return b;
  }

  document.getElementById('deduct-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var f = ev.target;
    var error = document.getElementById('d-error');
    error.textContent = '';
    var body = { reason: f.elements.reason.value, note: f.elements.note.value };
    if (f.elements.date.value) { body.date = f.elements.date.value; }
    var unitName = f.elements.unit.options[f.elements.unit.selectedIndex].text;
    if (!window.confirm('确认对“' + unitName + '”登记“' + f.elements.reason.options[f.elements.reason.selectedIndex].text + '”扣分？')) {
      return;
    }
    var button = f.querySelector('button[type=submit]');
    button.disabled = true;
    Jianbao.api('POST', '/api/units/' + encodeURIComponent(f.elements.unit.value) + '/deductions', body)
      .then(function () { f.elements.note.value = ''; load(); }, function (err) { error.textContent = err.message; })
      .then(function () { button.disabled = false; });
  });

  form.elements.kind.addEventListener('change', showFields);
  form.addEventListener('submit', function (e) { e.preventDefault(); load(); });
  document.getElementById('ledger-form').elements.unit.addEventListener('change', function () {
    ledgerPage = 0;
    load();
  });
  window.addEventListener('resize', function () { if (chart) { chart.resize(); } });

  // the period in the address (2026-11, 2026-Q4, 2026), else this month
  var wanted = new URLSearchParams(window.location.search).get('period') || '';
  var now = new Date();
  form.elements.year.value = now.getFullYear();
  form.elements.month.value = now.getFullYear() + '-' + String(now.getMonth() + 1).padStart(2, '0');
  form.elements.quarter.value = String(Math.floor(now.getMonth() / 3) + 1);
  var mm;
  if ((mm = /^(\d{4})-(\d{2})$/.exec(wanted))) { form.elements.kind.value = 'month'; form.elements.month.value = wanted; }
  else if ((mm = /^(\d{4})-Q([1-4])$/.exec(wanted))) { form.elements.kind.value = 'quarter'; form.elements.year.value = mm[1]; form.elements.quarter.value = mm[2]; }
  else if ((mm = /^(\d{4})$/.exec(wanted))) { form.elements.kind.value = 'year'; form.elements.year.value = mm[1]; }
  showFields();

  Jianbao.me.then(function (person) {
    if (!person) { window.location.href = '/login'; return; }
    me = person;
    office = ['editor', 'signer', 'admin', 'auditor'].some(function (x) { return me.roles.indexOf(x) >= 0; });
    var recorder = ['editor', 'signer', 'admin'].some(function (x) { return me.roles.indexOf(x) >= 0; });
    document.getElementById('downloads').hidden = !office;
    document.getElementById('deduct-card').hidden = !recorder;
    document.getElementById('d-date').max = new Date().toISOString().substring(0, 10);
    if (office) {
      document.getElementById('ledger-unit-field').hidden = false;
      Jianbao.api('GET', '/api/recipients').then(function (r) {
        r.units.filter(function (u) { return u.kind !== 'office'; }).forEach(function (u) {
          document.getElementById('ledger-form').elements.unit.appendChild(new Option(u.name, u.code));
          document.getElementById('d-unit').appendChild(new Option(u.name, u.code));
        });
      });
    }
    load();
  });
})();
