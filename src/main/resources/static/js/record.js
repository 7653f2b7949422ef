// record.html: the approval record (审批单) of one item, laid out for printing.
(function () {
  'use strict';
  var el = Jianbao.el;
  var id = decodeURIComponent(window.location.pathname.split('/')[2] || '');
  function $(x) { return document.getElementById(x); }
  $('back').href = '/items/' + encodeURIComponent(id);
  $('print').addEventListener('click', function () { window.print(); });

  Promise.all([Jianbao.api('GET', '/api/submissions/' + encodeURIComponent(id)),
    Jianbao.api('GET', '/api/submissions/' + encodeURIComponent(id) + '/trail'), Jianbao.me])
    .then(function (r) {
      var item = r[0];
      var trail = r[1];
      document.title = '审批单：' + item.title;
      $('record').hidden = false;
      $('r-title').textContent = item.title;
      $('r-number').textContent = item.number;
      $('r-unit').textContent = item.unit.name;
      $('r-author').textContent = item.author;
      $('r-liaison').textContent = item.liaisonName || item.liaison || '';
      $('r-submitted').textContent = Jianbao.time(item.submittedAt);
      $('r-kind').textContent = item.kindLabel;
      $('r-class').textContent = item.classificationLabel;
      $('r-status').textContent = item.statusLabel;
      var body = $('r-steps');
      trail.forEach(function (t) {
        var tr = el('tr');
        [t.step, t.actorName || t.actor || '', t.decisionLabel || (t.endedAt ? '' : '办理中'), t.comment || '',
          Jianbao.time(t.endedAt || t.startedAt)].forEach(function (v) { tr.appendChild(el('td', null, v)); });
        body.appendChild(tr);
      });
      var me = r[2];
      $('r-printed').textContent = '打印：' + (me ? me.displayName + '（' + me.unit.name + '）' : '') + ' '
        + Jianbao.time(new Date().toISOString());
    })
    .catch(function (e) {
      $('error').textContent = e.status === 404 ? '该信息不存在，或您无权查看其审批记录。' : e.message;
      $('error').hidden = false;
    });
})();
