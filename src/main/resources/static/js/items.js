// items.html: a unit's items (liaisons, leaders) or everyone's (the office), with status, current
// step and waiting time; returned items stand out with the reason. Filters live in the address.
(function () {
  'use strict';
  var el = Jianbao.el;
  var SIZE = 20;
  var form = document.getElementById('filters');
  var me = null;
  var office = false;

  function state() {
    var p = new URLSearchParams(window.location.search);
    return { q: p.get('q') || '', unit: p.get('unit') || '', status: p.get('status') || '',
      from: p.get('from') || '', to: p.get('to') || '', page: Number(p.get('page') || 0) };
  }

  function go(s) {
    var p = new URLSearchParams();
    Object.keys(s).forEach(function (k) { if (s[k] !== '' && !(k === 'page' && !s[k])) { p.set(k, s[k]); } });
    window.history.pushState(null, '', '/items' + (p.toString() ? '?' + p : ''));
    load();
  }

  function load() {
    var s = state();
    ['q', 'unit', 'status', 'from', 'to'].forEach(function (k) { form.elements[k].value = s[k]; });
    Jianbao.foldFilters(document.getElementById('fold'), ['unit', 'status', 'from', 'to']
      .filter(function (k) { return s[k]; }).length);
    var p = new URLSearchParams({ page: s.page, size: SIZE });
    ['q', 'status', 'from', 'to'].forEach(function (k) { if (s[k]) { p.set(k, s[k]); } });
    p.set('unit', office ? s.unit : me.unit.code);
    if (!p.get('unit')) { p.delete('unit'); }
    fetch('/api/submissions?' + p, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) {
        return r.json().then(function (data) {
          if (!r.ok) { throw new Error(data.detail || '读取未成功。'); }
          return { items: data, total: Number(r.headers.get('X-Total-Count') || data.length) };
        });
      })
      .then(function (result) { render(result, s); })
      .catch(function (e) {
        var box = document.getElementById('error');
        box.textContent = e.message;
        box.hidden = false;
      });
  }

  function render(result, s) {
    document.getElementById('error').hidden = true;
    var rows = document.getElementById('rows');
    rows.textContent = '';
    document.getElementById('empty').hidden = result.items.length > 0;
    document.getElementById('summary').textContent = '共 ' + result.total + ' 条'
      + (result.total > SIZE ? '，第 ' + (s.page + 1) + ' / ' + Math.ceil(result.total / SIZE) + ' 页' : '');
    result.items.forEach(function (i) {
      var tr = el('tr', i.status === 'revising' ? 'returned' : '');
      var title = el('td');
      title.setAttribute('data-label', '标题');
      var a = el('a', null, i.title);
      a.href = '/items/' + encodeURIComponent(i.id);
      title.appendChild(a);
      if (i.number) { title.appendChild(el('span', 'number', i.number)); }
      if (i.returnReason) { title.appendChild(el('span', 'reason', '退回意见：' + i.returnReason)); }
      tr.appendChild(title);
      cell(tr, '单位', i.unit.name);
      cell(tr, '类别', i.kindLabel);
      var st = el('td');
      st.setAttribute('data-label', '状态');
      st.appendChild(el('span', 'status ' + i.status, i.statusLabel));
      tr.appendChild(st);
      cell(tr, '报送时间', Jianbao.time(i.submittedAt));
      cell(tr, '已等待', i.currentStep ? Jianbao.since(i.since) : '—');
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
    ['q', 'unit', 'status', 'from', 'to'].forEach(function (k) { s[k] = form.elements[k].value; });
    go(s);
  });
  window.addEventListener('popstate', load);

  Promise.all([Jianbao.me, Jianbao.meta]).then(function (r) {
    me = r[0];
    var meta = r[1];
    if (!me) { window.location.href = '/login'; return; }
    office = ['editor', 'signer', 'admin', 'auditor'].some(function (x) { return me.roles.indexOf(x) >= 0; });
    document.getElementById('heading').textContent = office ? '信息管理' : me.unit.name + ' · 本单位信息';
    document.title = (office ? '信息管理' : '本单位信息') + ' · 简报信息报送系统';
    (meta ? meta.statuses : []).forEach(function (st) {
      form.elements.status.appendChild(new Option(st.label, st.code));
    });
    if (office) {
      document.getElementById('unit-filter').hidden = false;
      Jianbao.api('GET', '/api/recipients').then(function (r) {
        r.units.forEach(function (u) {
          if (u.kind !== 'office') { form.elements.unit.appendChild(new Option(u.name, u.code)); }
        });
        form.elements.unit.value = state().unit;
      }).catch(function () { /* the filter is optional */ });
    }
    load();
  });
})();
