// item.html, 批示与考核: the 批示 on the item and their follow-up (the item's unit reports it), and
// for the office the forms that record a 批示, a forward to a higher level or a media use.
(function () {
  'use strict';
  var el = Jianbao.el;
  var id = decodeURIComponent(window.location.pathname.split('/')[2] || '');
  var LEVELS = {
    instruction: [['county', '县（区）领导'], ['city', '市领导'], ['province', '省领导'], ['national', '中央领导']],
    forward: [['city', '市级'], ['province', '省级'], ['national', '国务院'], ['central', '中办、国办']],
    media: [['county', '县级媒体'], ['city', '市级媒体'], ['province', '省级媒体'], ['national', '中央媒体']]
  };
  function $(x) { return document.getElementById(x); }

  function renderInstructions(list, me, item) {
    var ul = $('instructions');
    ul.textContent = '';
    if (!list.length) {
      ul.appendChild(el('li', 'hint', '暂无领导批示。'));
      return;
    }
    var ownUnit = me.unit.code === item.unit.code && (me.roles.indexOf('liaison') >= 0 || me.roles.indexOf('leader') >= 0);
    list.forEach(function (i) {
      var li = el('li');
      li.appendChild(el('p', 'who', i.leader + '（' + i.levelLabel + '）' + i.date + ' 批示：'));
      li.appendChild(el('blockquote', null, i.content));
      if (i.feedback) {
        li.appendChild(el('p', 'feedback', '落实情况：' + i.feedback + '（' + Jianbao.time(i.feedbackAt) + '）'));
      } else if (ownUnit) {
        var f = el('form', 'form');
        var ta = el('textarea');
        ta.rows = 3;
        ta.maxLength = 2000;
        ta.setAttribute('aria-label', '落实情况');
        ta.placeholder = '请填写批示落实情况' + (i.feedbackDue ? '（' + i.feedbackDue + '前反馈）' : '');
        var err = el('p', 'field-error');
        var b = el('button', 'small', '报送落实情况');
        b.type = 'submit';
        f.appendChild(ta);
        f.appendChild(err);
        f.appendChild(b);
        f.addEventListener('submit', function (ev) {
          ev.preventDefault();
          b.disabled = true;
          Jianbao.api('POST', '/api/instructions/' + encodeURIComponent(i.id) + '/feedback', { feedback: ta.value })
            .then(function () { load(me, item); }, function (e) { err.textContent = e.message; b.disabled = false; });
        });
        li.appendChild(f);
      } else if (i.feedbackDue) {
        li.appendChild(el('p', 'hint', '落实情况待反馈，期限 ' + i.feedbackDue));
      }
      ul.appendChild(li);
    });
  }

  function load(me, item) {
    Jianbao.api('GET', '/api/submissions/' + encodeURIComponent(id) + '/instructions')
      .then(function (list) { renderInstructions(list, me, item); $('assessment-card').hidden = false; })
      .catch(function () { /* not this person's record: nothing to show */ });
  }

  function setupForm(item) {
    var f = $('record-form');
    var kinds = f.elements.kind;
    if (item.kind !== 'news_lead') { kinds.querySelector('option[value=media]').remove(); }
    if (item.status !== 'published') { kinds.querySelector('option[value=instruction]').remove(); }
    if (!kinds.options.length) { return; }
    function show() {
      var k = kinds.value;
      f.elements.level.textContent = '';
      LEVELS[k].forEach(function (l) { f.elements.level.appendChild(new Option(l[1], l[0])); });
      Array.prototype.forEach.call(f.querySelectorAll('[data-for]'), function (x) {
        x.hidden = x.getAttribute('data-for').split(' ').indexOf(k) < 0;
      });
    }
    kinds.addEventListener('change', show);
    show();
    $('a-date').max = new Date().toISOString().substring(0, 10);
    f.hidden = false;
    f.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var k = kinds.value;
      var body = { level: f.elements.level.value };
      if (f.elements.date.value) { body.date = f.elements.date.value; }
      var url = '/api/submissions/' + encodeURIComponent(id);
      if (k === 'instruction') {
        body.leader = f.elements.leader.value;
        body.content = f.elements.content.value;
        if (f.elements.feedbackDue.value) { body.feedbackDue = f.elements.feedbackDue.value; }
        url += '/instructions';
      } else if (k === 'forward') {
        body.outlet = f.elements.outlet.value;
        body.adopted = f.elements.adopted.checked;
        url += '/forwards';
      } else {
        body.outlet = f.elements.outlet.value;
        body.url = f.elements.url.value;
        url += '/media-use';
      }
      var b = f.querySelector('button[type=submit]');
      b.disabled = true;
      $('a-error').textContent = '';
      Jianbao.api('POST', url, body).then(function (r) {
        var points = (r.ledger || []).map(function (l) { return Number(l.points); });
        $('a-error').textContent = '已登记' + (points.length ? '，计 ' + points.join('、') + ' 分。' : '。');
        f.reset();
        show();
        Jianbao.me.then(function (me) { load(me, item); });
      }, function (e) { $('a-error').textContent = e.message; }).then(function () { b.disabled = false; });
    });
  }

  Promise.all([Jianbao.me, Jianbao.api('GET', '/api/submissions/' + encodeURIComponent(id))]).then(function (r) {
    var me = r[0];
    var item = r[1];
    if (!me || !item.decisions) { return; } // only those who may read the record
    load(me, item);
    var recorder = ['editor', 'signer', 'admin'].some(function (x) { return me.roles.indexOf(x) >= 0; });
    if (recorder && (item.status === 'published' || item.status === 'awaiting_publication')) {
      setupForm(item);
      $('assessment-card').hidden = false;
    }
  }).catch(function () { /* item.js says what went wrong */ });
})();
