// dashboard.html: the office's period at a glance. Every figure links to the items behind it.
(function () {
  'use strict';
  var el = Jianbao.el;
  var STATUS = { met: '已完成', at_risk: '未报够（进行中）', missed: '未完成', none: '无定额' };
  var chart = null;

  function itemsLink(params) {
    var p = new URLSearchParams();
    Object.keys(params).forEach(function (k) { if (params[k]) { p.set(k, params[k]); } });
    return '/items?' + p;
  }

  function pct(x) {
    return x === null || x === undefined ? '—' : (Math.round(x * 1000) / 10) + '%';
  }

  function figure(n, label, href, bad) {
    var a = el(href ? 'a' : 'div', 'figure');
    if (href) { a.href = href; }
    a.appendChild(el('span', 'n' + (bad ? ' bad' : ''), n));
    a.appendChild(el('span', 'label', label));
    return a;
  }

  function render(v) {
    document.getElementById('error').hidden = true;
    var p = v.period;
    document.getElementById('period').value = p.key;
    document.title = '工作概况（' + p.label + '） · 简报信息报送系统';
    var t = v.totals;
    var f = document.getElementById('figures');
    f.textContent = '';
    f.appendChild(figure(t.submitted, p.label + '报送', itemsLink({ from: p.from, to: p.to })));
    f.appendChild(figure(t.adopted, '已采用（采用率 ' + pct(t.adoptionRate) + '）', itemsLink({ from: p.from, to: p.to, status: 'published' })));
    f.appendChild(figure(pct(t.onTimeRate), '按时报送率（' + t.withEventTime + '条填了事件时间）'));
    f.appendChild(figure(t.late, '迟报', null, t.late > 0));
    f.appendChild(figure(t.unitsMet, '单位已完成定额'));
    f.appendChild(figure(t.unitsAtRisk + t.unitsMissed, '单位未完成定额', null, t.unitsMissed > 0));

    var grid = document.getElementById('grid');
    grid.textContent = '';
    var head = el('tr');
    head.appendChild(el('th', null, '单位'));
    v.weeks.forEach(function (w) {
      var th = el('th', null, '第' + Number(w.key.replace(/^\d{4}-W/, '')) + '周');
      th.appendChild(el('small', null, w.from.substring(5).replace('-', '.') + '–' + w.to.substring(5).replace('-', '.')));
      th.title = w.label + '（' + w.from + ' 至 ' + w.to + '）';
      head.appendChild(th);
    });
    head.appendChild(el('th', null, '合计'));
    var thead = el('thead');
    thead.appendChild(head);
    grid.appendChild(thead);
    var body = el('tbody');
    v.grid.forEach(function (row) {
      var tr = el('tr');
      var name = el('td');
      var a = el('a', null, row.unit.name);
      a.href = itemsLink({ unit: row.unit.code, from: p.from, to: p.to });
      name.appendChild(a);
      tr.appendChild(name);
      row.cells.forEach(function (c, i) {
        var w = v.weeks[i];
        var td = el('td', c.status);
        td.title = row.unit.name + ' ' + w.label + '：报送' + c.submitted + '条；' + (c.window ? c.window + '定额' + c.required + '条，' : '') + STATUS[c.status];
        var link = el('a', null, c.submitted);
        link.href = itemsLink({ unit: row.unit.code, from: w.from, to: w.to });
        link.setAttribute('aria-label', td.title);
        td.appendChild(link);
        tr.appendChild(td);
      });
      tr.appendChild(el('td', row.status, row.submitted));
      body.appendChild(tr);
    });
    grid.appendChild(body);
    document.getElementById('grid-hint').textContent = p.label + '，' + v.grid.length + '个单位';

    var list = document.getElementById('attention');
    list.textContent = '';
    document.getElementById('no-attention').hidden = v.attention.length > 0;
    v.attention.forEach(function (x) {
      var li = el('li');
      var a = el('a', null, x.unit.name);
      a.href = itemsLink({ unit: x.unit.code, from: p.from, to: p.to });
      li.appendChild(a);
      li.appendChild(el('div', 'why', x.reasons.join('；')));
      list.appendChild(li);
    });

    if (window.echarts) {
      chart = chart || echarts.init(document.getElementById('trend'));
      chart.setOption({
        tooltip: { trigger: 'axis' },
        legend: { data: ['报送', '采用'] },
        grid: { left: 40, right: 16, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: v.trend.map(function (w) { return w.key.replace(/^\d{4}-/, ''); }) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: '报送', type: 'bar', data: v.trend.map(function (w) { return w.submitted; }), itemStyle: { color: '#1f5fa8' } },
          { name: '采用', type: 'line', data: v.trend.map(function (w) { return w.adopted; }), itemStyle: { color: '#c0392b' } }
        ]
      });
      chart.off('click');
      chart.on('click', function (e) {
        var w = v.trend[e.dataIndex];
        if (w) { window.location.href = itemsLink({ from: w.from, to: w.to }); }
      });
    }
  }

  function load() {
    var period = document.getElementById('period').value.trim();
    var q = period ? '?period=' + encodeURIComponent(period) : '';
    Jianbao.api('GET', '/api/dashboard' + q).then(render, function (e) {
      var box = document.getElementById('error');
      box.textContent = e.message;
      box.hidden = false;
    });
    Jianbao.api('GET', '/api/quotas/reminders').then(function (rows) {
      var body = document.getElementById('reminders');
      body.textContent = '';
      document.getElementById('no-reminders').hidden = rows.length > 0;
      rows.slice(0, 50).forEach(function (r) {
        var tr = el('tr');
        tr.appendChild(el('td', 'nowrap', Jianbao.time(r.remindedAt)));
        tr.appendChild(el('td', null, r.unit.name));
        tr.appendChild(el('td', null, r.windowLabel + ' ' + r.itemKindLabel + '：已报' + r.submitted + '/' + r.required));
        tr.appendChild(el('td', null, r.levelLabel + '：' + (r.recipients.map(function (p) { return p.name; }).join('、') || '（无在岗人员）')));
        tr.appendChild(el('td', null, r.remindedByName));
        body.appendChild(tr);
      });
    }, function () { /* shown with the main error */ });
  }

  document.getElementById('period-form').addEventListener('submit', function (e) {
    e.preventDefault();
    load();
  });
  Jianbao.me.then(function (me) {
    var office = me && me.roles.some(function (r) { return ['editor', 'signer', 'admin'].indexOf(r) >= 0; });
    var button = document.getElementById('remind');
    button.hidden = !office;
    button.addEventListener('click', function () {
      if (!window.confirm('向本期尚未报够定额的所有单位发出催报？')) { return; }
      button.disabled = true;
      Jianbao.api('POST', '/api/quotas/remind', {}).then(function () {
        var m = document.getElementById('remind-msg');
        m.className = 'msg ok';
        m.textContent = '已发出催报：信息联络员已收到提醒；到时仍未报够的，将再提醒主管领导。';
        m.hidden = false;
        load();
      }, function (e) {
        var m = document.getElementById('remind-msg');
        m.className = 'msg error';
        m.textContent = e.message;
        m.hidden = false;
      }).finally(function () { button.disabled = false; });
    });
  });
  window.addEventListener('resize', function () { if (chart) { chart.resize(); } });
  load();
})();
