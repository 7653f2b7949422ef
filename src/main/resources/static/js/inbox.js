// inbox.html: the issues delivered to the signed-in person and their unit, unread first in view,
// with the receipt (who opened it, when) and the reminder of an issue left unread.
(function () {
  'use strict';
  var el = Jianbao.el;
  var SIZE = 20;
  var page = 0;

  function unreadOnly() {
    return document.querySelector('input[name=show]:checked').value === 'unread';
  }

  function load() {
    var p = new URLSearchParams({ page: page, size: SIZE });
    if (unreadOnly()) { p.set('unread', 'true'); }
    fetch('/api/inbox?' + p, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) {
        return r.json().then(function (data) {
          if (!r.ok) { throw new Error(data.detail || '读取未成功。'); }
          return { entries: data, total: Number(r.headers.get('X-Total-Count') || data.length),
            unread: Number(r.headers.get('X-Unread-Count') || 0) };
        });
      })
      .then(render)
      .catch(function (e) {
        var box = document.getElementById('error');
        box.textContent = e.message || '读取未成功，请检查网络后刷新。';
        box.hidden = false;
      });
  }

  function render(result) {
    document.getElementById('error').hidden = true;
    var rows = document.getElementById('rows');
    rows.textContent = '';
    document.getElementById('empty').hidden = result.entries.length > 0;
    document.getElementById('empty').textContent = unreadOnly() ? '没有未读的简报。' : '收件箱里没有简报。';
    document.getElementById('summary').textContent = '共 ' + result.total + ' 期，未读 ' + result.unread + ' 期';
    result.entries.forEach(function (e) {
      var tr = el('tr', e.readAt ? '' : 'unread');
      var issue = el('td');
      issue.setAttribute('data-label', '简报');
      var a = el('a', null, e.seriesLabel + ' ' + e.numberLabel);
      a.href = '/issues/' + encodeURIComponent(e.issueId);
      issue.appendChild(a);
      tr.appendChild(issue);
      cell(tr, '标题', e.title);
      cell(tr, '分送', e.listLabel + '：' + e.addressedTo);
      cell(tr, '送达时间', Jianbao.time(e.deliveredAt));
      var receipt = el('td');
      receipt.setAttribute('data-label', '签收');
      if (e.readAt) {
        receipt.appendChild(el('span', 'status published', '已签收'));
        receipt.appendChild(el('span', 'reason', (e.readByName || '') + ' ' + Jianbao.time(e.readAt)));
      } else {
        receipt.appendChild(el('span', 'status revising', e.remindedAt ? '未读 · 已催阅' : '未读'));
      }
      tr.appendChild(receipt);
      rows.appendChild(tr);
    });
    var pager = document.getElementById('pager');
    pager.textContent = '';
    var pages = Math.ceil(result.total / SIZE);
    if (pages > 1) {
      pager.appendChild(button('上一页', page > 0, function () { page--; load(); }));
      pager.appendChild(el('span', 'hint', (page + 1) + ' / ' + pages));
      pager.appendChild(button('下一页', page + 1 < pages, function () { page++; load(); }));
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

  Array.prototype.forEach.call(document.querySelectorAll('input[name=show]'), function (r) {
    r.addEventListener('change', function () { page = 0; load(); });
  });
  load();
})();
