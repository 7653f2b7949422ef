// password.html: the signed-in user's own password, also the first-login change of an initial one.
(function () {
  'use strict';
  var form = document.getElementById('change');
  var error = document.getElementById('error');

  function show(text) {
    error.textContent = text;
    error.hidden = !text;
  }

  fetch('/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (me) { if (me && me.mustChangePassword) { document.getElementById('first').hidden = false; } })
    .catch(function () { /* the form works without it */ });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var oldPassword = form.oldPassword.value;
    var newPassword = form.newPassword.value;
    if (!oldPassword || !newPassword) { show('请填写当前密码和新密码。'); return; }
    if (newPassword !== form.confirm.value) { show('两次输入的新密码不一致。'); return; }
    show('');
    var button = form.querySelector('button');
    button.disabled = true;
    fetch('/api/me/password', {
      method: 'PUT',
      credentials: 'same-origin',
      headers: Jianbao.headers({ 'Content-Type': 'application/json', Accept: 'application/json' }),
      body: JSON.stringify({ oldPassword: oldPassword, newPassword: newPassword })
    }).then(function (r) {
      if (r.ok) { window.location.href = '/?password=changed'; return; }
      return r.json().catch(function () { return {}; }).then(function (p) {
        show(p.detail || '修改未成功，请稍后重试。');
      });
    }).catch(function () {
      show('无法连接服务器，请检查网络后重试。');
    }).then(function () { button.disabled = false; });
  });
})();
