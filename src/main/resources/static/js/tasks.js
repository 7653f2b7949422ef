// tasks.html: 待办 (/tasks) - the person's open steps, title first, oldest first - and one step's
// form (/tasks/{id}), the shared component (js/step-form.js) that Tasklist's forms also load.
(function () {
  'use strict';
  var el = Jianbao.el;
  var match = window.location.pathname.match(/^\/tasks\/([^/]+)$/);

  if (match) {
    document.getElementById('step-view').hidden = false;
    JianbaoStep.render(document.getElementById('step'), decodeURIComponent(match[1]), {
      onReady: function (task) { document.title = task.stepLabel + ' · ' + (task.title || '') + ' · 简报信息报送系统'; },
      onDone: function () {
        // the header's count follows the decision
        Jianbao.api('GET', '/api/tasks/count').then(function (c) {
          document.querySelectorAll('#shell a[href="/tasks"] .count').forEach(function (badge) {
            if (c.count > 0) { badge.textContent = c.count > 99 ? '99+' : String(c.count); } else { badge.remove(); }
          });
        }, function () { /* a convenience */ });
      }
    });
    return;
  }

  document.getElementById('list-view').hidden = false;
  Jianbao.api('GET', '/api/tasks').then(function (tasks) {
    document.getElementById('count').textContent = tasks.length ? tasks.length + ' 项' : '';
    document.getElementById('empty').hidden = tasks.length > 0;
    var list = document.getElementById('tasks');
    tasks.forEach(function (t) {
      var li = el('li');
      var a = el('a', 'card task' + (t.overdue ? ' overdue' : ''));
      a.href = '/tasks/' + encodeURIComponent(t.id);
      var title = el('h2', null, t.title || '（无标题）');
      if (t.restricted) { title.appendChild(el('span', 'tag restricted', '限定范围')); }
      a.appendChild(title);
      a.appendChild(el('p', 'step', t.stepLabel));
      a.appendChild(el('p', 'meta', [t.number, t.unitName, t.kindLabel, t.urgencyLabel].filter(Boolean).join(' · ')));
      a.appendChild(el('p', 'wait', '已等待' + Jianbao.since(t.since)
        + (t.due ? (t.overdue ? ' · 已超时' : ' · 办理时限 ' + Jianbao.time(t.due).substring(5)) : '')));
      li.appendChild(a);
      list.appendChild(li);
    });
  }, function (e) {
    var box = document.getElementById('error');
    box.textContent = e.message;
    box.hidden = false;
  });
})();
