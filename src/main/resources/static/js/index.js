// index.html
(function () {
  'use strict';
  var el = Jianbao.el;

  // what each link of the shell does, said on its tile
  var WHAT = {
    '/tasks': '待我审批、审核、决定采用、编排签发或退回修改的事项。',
    '/submit': '填写正文或上传文件（可多个），报本单位主管领导审批。',
    '/items': '报送的信息到了哪一步、等了多久，退回的信息和退回意见。',
    '/issues/new': '从已采用的信息中编排新一期简报，确定报、送、发范围。',
    '/archive': '查阅已刊发的简报和信息。',
    '/audit': '查找任一环节的信息，追溯审批路径，打印审批单。',
    '/admin/directory': '维护单位和人员，批量导入，重置密码。'
  };

  if (new URLSearchParams(window.location.search).get('password') === 'changed') {
    document.getElementById('password-changed').hidden = false;
  }

  Jianbao.me.then(function (me) {
    if (!me) { return; }
    var tiles = document.getElementById('tiles');
    document.getElementById('intro').textContent = me.displayName + '，您好。请选择要办理的事项。';
    Jianbao.links(me).forEach(function (l) {
      var a = el('a', 'card');
      a.href = l[1];
      var h = el('h2', null, l[0]);
      a.appendChild(h);
      a.appendChild(el('p', null, WHAT[l[1]] || ''));
      if (l[1] === '/tasks') {
        Jianbao.taskCount.then(function (n) {
          h.appendChild(el('span', 'count' + (n > 0 ? '' : ' none'), n > 0 ? n + ' 项待办' : '暂无'));
        });
      }
      tiles.appendChild(a);
    });
  });

  // 界面语言 of the Camunda pages (read by their scripts/config.js)
  var buttons = document.querySelectorAll('[data-locale]');
  function current() {
    try { return window.localStorage.getItem('jianbao.locale') === 'en' ? 'en' : 'zh'; } catch (e) { return 'zh'; }
  }
  function mark() {
    Array.prototype.forEach.call(buttons, function (b) {
      b.setAttribute('aria-pressed', String(b.getAttribute('data-locale') === current()));
    });
  }
  Array.prototype.forEach.call(buttons, function (b) {
    b.addEventListener('click', function () {
      try {
        if (b.getAttribute('data-locale') === 'en') {
          window.localStorage.setItem('jianbao.locale', 'en');
        } else {
          window.localStorage.removeItem('jianbao.locale');
        }
      } catch (e) { /* storage unavailable: Chinese */ }
      mark();
    });
  });
  mark();
})();

// 已刊发简报: the latest published issues, each linking to its page
(function () {
  'use strict';
  var el = Jianbao.el;
  var section = document.getElementById('issues');
  var list = document.getElementById('issue-list');
  fetch('/api/issues', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .catch(function () { return null; })
    .then(function (issues) {
      if (!Array.isArray(issues)) { return; }
      var published = issues.filter(function (i) { return i.status === 'published'; })
        .sort(function (a, b) { return String(b.publishedAt || '').localeCompare(String(a.publishedAt || '')); })
        .slice(0, 10);
      if (!published.length) {
        list.appendChild(el('li', 'none', '暂无已刊发的简报。'));
      }
      published.forEach(function (i) {
        var li = el('li');
        var a = el('a');
        a.href = '/issues/' + encodeURIComponent(i.id);
        a.appendChild(el('span', 'no', [i.seriesLabel, i.numberLabel].filter(Boolean).join(' ')));
        a.appendChild(document.createTextNode(i.title || ''));
        li.appendChild(a);
        var meta = [Jianbao.date(i.publishedAt), i.itemCount ? i.itemCount + '条信息' : ''].filter(Boolean).join('　');
        li.appendChild(el('span', 'meta', meta));
        list.appendChild(li);
      });
      section.hidden = false;
    });
})();
