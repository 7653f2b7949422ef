// Loaded into Camunda's Tasklist (scripts/config.js, customScripts): a way back to our pages, our
// logout (a POST with our CSRF token, ending the one session), a hint that a task must be claimed
// before its form can be filled in (only the 编排简报 form; the others need no claim), and the
// engine's words approvers never use taken away (variable sort and search options, the start menu
// for those who start nothing; follow-up dates and shortcuts are hidden by styles/user-styles.css).
(function () {
  'use strict';

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)jianbao-csrf=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  function addLinks() {
    var menu = document.querySelector('.cam-nav > ul');
    if (!menu || menu.querySelector('.jianbao-link')) { return; }
    var home = document.createElement('li');
    home.className = 'jianbao-link';
    var a = document.createElement('a');
    a.href = '/';
    a.textContent = '返回首页';
    home.appendChild(a);
    var out = document.createElement('li');
    out.className = 'jianbao-link';
    var form = document.createElement('form');
    form.method = 'post';
    form.action = '/logout';
    var token = document.createElement('input');
    token.type = 'hidden';
    token.name = '_csrf';
    form.appendChild(token);
    var button = document.createElement('button');
    button.type = 'submit';
    button.textContent = '退出';
    form.appendChild(button);
    form.addEventListener('submit', function () { token.value = csrfToken(); });
    out.appendChild(form);
    menu.insertBefore(home, menu.firstChild);
    menu.appendChild(out);
  }

  function claimHint() {
    var claim = document.querySelector('[cam-tasklist-task] button.claim, button.claim');
    if (document.querySelector('.jb-step-shell')) { claim = null; } // our step forms need no claim
    var existing = document.querySelector('.jianbao-claim-hint');
    if (claim && claim.offsetParent !== null) {
      if (!existing) {
        var hint = document.createElement('p');
        hint.className = 'jianbao-claim-hint';
        hint.textContent = '请先点击上方的“认领”，认领后即可填写并提交此表单。';
        var form = document.querySelector('[cam-tasklist-form]');
        if (form && form.parentNode) { form.parentNode.insertBefore(hint, form); }
      }
    } else if (existing) {
      existing.parentNode.removeChild(existing);
    }
  }

  // Tasklist's footer names the browser's zone; times are shown in the office's (js/tasklist-time.js)
  function footerZone() {
    var zone = (window.JIANBAO_SETTINGS && window.JIANBAO_SETTINGS.timeZone) || 'Asia/Shanghai';
    var label = zone === 'Asia/Shanghai' ? '北京时间' : zone;
    var name = document.querySelector('#footer-timezone i');
    if (name && name.textContent !== label) { name.textContent = label; }
  }

  var JARGON = ['流程变量', '任务变量', '执行变量', '案例实例变量', '案例执行变量', '案例变量', '流程实例变量'];
  var starts = null;
  fetch('/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (me) { starts = !!(me && me.roles.indexOf('liaison') >= 0); jargon(); })
    .catch(function () { starts = true; });

  function jargon() {
    document.querySelectorAll('.dropdown-menu li, .cam-widget-search .dropdown-menu li').forEach(function (li) {
      if (JARGON.indexOf(li.textContent.trim()) >= 0 && li.style.display !== 'none') { li.style.display = 'none'; }
    });
    if (starts === false) {
      document.querySelectorAll('a[ng-click="open()"]').forEach(function (a) {
        var li = a.closest('li');
        if (li && a.textContent.trim() === '启动流程' && li.style.display !== 'none') { li.style.display = 'none'; }
      });
    }
  }

  new MutationObserver(function () {
    addLinks();
    claimHint();
    footerZone();
    jargon();
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
