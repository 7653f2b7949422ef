// synonyms.html: the office's synonyms and abbreviations for search, and who changed them when.
(function () {
  'use strict';
  var el = Jianbao.el;
  var editing = null;
  var mayChange = false;

  function $(id) { return document.getElementById(id); }

  function show(box, text) {
    $('error').hidden = true;
    $('notice').hidden = true;
    if (text) { $(box).textContent = text; $(box).hidden = false; }
  }

  function cell(tr, label, value) {
    var td = el('td', null, value);
    td.setAttribute('data-label', label);
    tr.appendChild(td);
    return td;
  }

  function termsText(e) {
    return e.kind === 'abbreviation' ? e.terms[0] + ' → ' + e.terms.slice(1).join('、') : e.terms.join(' = ');
  }

  function load() {
    return Jianbao.api('GET', '/api/synonyms').then(function (r) {
      mayChange = r.mayChange;
      $('edit-card').hidden = !mayChange;
      $('count').textContent = r.entries.length + ' 条';
      var rows = $('rows');
      rows.textContent = '';
      r.entries.forEach(function (e) {
        var tr = el('tr');
        cell(tr, '类型', e.kindLabel).className = 'nowrap';
        cell(tr, '词语', termsText(e));
        cell(tr, '说明', e.note || '');
        cell(tr, '最后修改', e.updatedByName + ' ' + Jianbao.time(e.updatedAt));
        var ops = cell(tr, '操作', '');
        ops.className = 'ops';
        if (mayChange) {
          var edit = el('button', 'small quiet', '修改');
          edit.type = 'button';
          edit.addEventListener('click', function () { startEdit(e); });
          var del = el('button', 'small quiet', '删除');
          del.type = 'button';
          del.addEventListener('click', function () {
            if (!window.confirm('删除“' + termsText(e) + '”？检索将不再按它扩展。')) { return; }
            Jianbao.api('DELETE', '/api/synonyms/' + e.id).then(function () {
              show('notice', '已删除“' + termsText(e) + '”。');
              return load();
            }, function (err) { show('error', err.message); });
          });
          ops.appendChild(edit);
          ops.appendChild(del);
        }
        rows.appendChild(tr);
      });
      var log = $('log');
      log.textContent = '';
      $('no-log').hidden = r.log.length > 0;
      r.log.forEach(function (c) {
        var tr = el('tr');
        cell(tr, '时间', Jianbao.time(c.at));
        cell(tr, '修改人', c.actorName);
        cell(tr, '操作', c.actionLabel + c.kindLabel);
        cell(tr, '条目', c.terms.join('、') + (c.before ? '（原为：' + c.before.join('、') + '）' : ''));
        log.appendChild(tr);
      });
    }, function (err) { show('error', err.message); });
  }

  function startEdit(e) {
    editing = e;
    $('form-heading').textContent = '修改条目';
    $('kind').value = e.kind;
    $('terms').value = e.terms.join('、');
    $('note').value = e.note || '';
    $('cancel').hidden = false;
    $('terms').focus();
  }

  function reset() {
    editing = null;
    $('form').reset();
    $('form-heading').textContent = '新增条目';
    $('cancel').hidden = true;
    $('terms-error').textContent = '';
  }

  $('cancel').addEventListener('click', reset);
  $('terms').addEventListener('input', function () { $('terms-error').textContent = ''; });
  $('form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var draft = {
      kind: $('kind').value,
      terms: $('terms').value.split(/[、,，;；\s]+/).filter(function (t) { return t; }),
      note: $('note').value.trim() || null
    };
    var was = editing;
    var call = was ? Jianbao.api('PUT', '/api/synonyms/' + was.id, draft) : Jianbao.api('POST', '/api/synonyms', draft);
    $('save').disabled = true;
    call.then(function (e) {
      reset();
      show('notice', (was ? '已修改：' : '已新增：') + termsText(e) + '。检索即时按新词表扩展。');
      return load();
    }, function (err) {
      if (err.problem && err.problem.field === 'terms') { $('terms-error').textContent = err.message; } else { show('error', err.message); }
    }).then(function () { $('save').disabled = false; });
  });

  load();
})();
