// audit.html: any item at any stage, by title, unit, person, date, step and decision.
(function () {
  'use strict';
  var el = Jianbao.el;
  var SIZE = 20;
  var FIELDS = ['q', 'unit', 'person', 'from', 'to', 'status', 'decision'];
  var form = document.getElementById('filters');
  var statusLabels = {};

  function state() {
    var p = new URLSearchParams(window.location.search);
    var s = { page: Number(p.get('page') || 0) };
    FIELDS.forEach(function (f) { s[f] = p.get(f) || ''; });
    return s;
  }

  function go(s) {
    var p = new URLSearchParams();
    Object.keys(s).forEach(function (k) { if (s[k] !== '' && !(k === 'page' && !s[k])) { p.set(k, s[k]); } });
    window.history.pushState(null, '', '/audit' + (p.toString() ? '?' + p : ''));
    load();
  }

  function load() {
    var s = state();
    FIELDS.forEach(function (f) { form.elements[f].value = s[f]; });
    var p = new URLSearchParams({ page: s.page, size: SIZE });
    FIELDS.forEach(function (f) { if (s[f]) { p.set(f, s[f]); } });
    fetch('/api/audit/items?' + p, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) {
        return r.json().then(function (data) {
          if (!r.ok) { var e = new Error(data.detail || '查询未成功。'); e.status = r.status; throw e; }
          return { items: data, total: Number(r.headers.get('X-Total-Count') || data.length) };
        });
      })
      .then(function (result) { render(result, s); })
      .catch(function (e) {
        document.getElementById('error').textContent = e.message;
        document.getElementById('error').hidden = false;
      });
  }

  function render(result, s) {
    document.getElementById('error').hidden = true;
    var rows = document.getElementById('rows');
    rows.textContent = '';
    document.getElementById('empty').hidden = result.items.length > 0;
    document.getElementById('summary').textContent = '共 ' + result.total + ' 条';
    result.items.forEach(function (i) {
      var tr = el('tr');
      var t = el('td');
      t.setAttribute('data-label', '标题');
      var a = el('a', null, i.title);
      a.href = '/items/' + encodeURIComponent(i.id);
      t.appendChild(a);
      if (i.number) { t.appendChild(el('span', 'number', i.number)); }
      tr.appendChild(t);
      cell(tr, '单位', i.unit.name);
      cell(tr, '报送人', i.liaisonName);
      var st = el('td');
      st.setAttribute('data-label', '状态');
      st.appendChild(el('span', 'status ' + i.status, statusLabels[i.status] || i.status));
      tr.appendChild(st);
      cell(tr, '报送时间', Jianbao.time(i.submittedAt));
      var r = el('td');
      r.setAttribute('data-label', '审批单');
      var ra = el('a', null, '审批单');
      ra.href = '/items/' + encodeURIComponent(i.id) + '/record';
      r.appendChild(ra);
      tr.appendChild(r);
      rows.appendChild(tr);
    });
    var pager = document.getElementById('pager');
    pager.textContent = '';
    var pages = Math.ceil(result.total / SIZE);
    if (pages > 1) {
      pager.appendChild(button('上一页', s.page > 0, function () { s.page--; go(s); }));
      pager.appendChild(el('span', 'hint', (s.page + 1) + ' / ' + pages));
      pager.appendChild(button('下一页', s.page + 1 < pages, function () { s.page++; go(s); }));
    }
  }

  function cell(tr, label, text) {
    var td = el('td', null, text);
    td.setAttribute('data-label', label);
    tr.appendChild(td);
  }

  function button(text, enabled, handler) {
    var b = el('button', 'small quiet', text);
    b.type = 'button';
    b.disabled = !enabled;
    b.addEventListener('click', handler);
    return b;
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var s = { page: 0 };
    FIELDS.forEach(function (f) { s[f] = form.elements[f].value.trim(); });
    go(s);
  });
  window.addEventListener('popstate', load);

  Promise.all([Jianbao.meta, Jianbao.api('GET', '/api/recipients').catch(function () { return { units: [] }; })])
    .then(function (r) {
      var meta = r[0];
      if (meta) {
        meta.statuses.forEach(function (st) {
          statusLabels[st.code] = st.label;
          form.elements.status.appendChild(new Option(st.label, st.code));
        });
        Object.keys(meta.decisions).forEach(function (code) {
          if (code !== 'compiled') { form.elements.decision.appendChild(new Option(meta.decisions[code], code)); }
        });
      }
      r[1].units.forEach(function (u) {
        if (u.kind !== 'office') { form.elements.unit.appendChild(new Option(u.name, u.code)); }
      });
      load();
    });
})();
