// submit.html: a liaison's new item. Several files (drag and drop), the kinds and their hints,
// the character count against the limit, upload progress, and every refusal next to its field.
(function () {
  'use strict';
  var el = Jianbao.el;
  var form = document.getElementById('submit');
  var files = [];
  var meta = null;
  // one key per item being written: a double click or a retry after a lost answer stores it once
  var idempotencyKey = newKey();

  function newKey() {
    return (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random();
  }
  function $(id) { return document.getElementById(id); }

  function countChars(text) {
    return Array.from(text || '').filter(function (c) { return !/\s/.test(c); }).length;
  }

  function updateCounter() {
    var max = meta ? meta.maxBodyChars : 3000;
    var n = countChars($('text').value);
    var counter = $('counter');
    counter.textContent = n ? '正文 ' + n + ' 字（不计空白），上限 ' + max + ' 字' : '正文上限 ' + max + ' 字（不计空白）';
    counter.className = 'counter' + (n > max ? ' over' : '');
  }

  function kindChosen() {
    var k = form.querySelector('input[name=kind]:checked');
    return k ? k.value : '';
  }

  function renderChoices(m) {
    var kinds = $('kinds');
    m.kinds.forEach(function (k, i) {
      var label = el('label', 'choice');
      var input = el('input');
      input.type = 'radio';
      input.name = 'kind';
      input.value = k.code;
      if (i === 0) { input.checked = true; }
      label.appendChild(input);
      var body = el('span');
      body.appendChild(el('strong', null, k.label));
      body.appendChild(el('span', 'hint', k.hint));
      label.appendChild(body);
      kinds.appendChild(label);
    });
    var classes = $('classifications');
    m.classifications.forEach(function (c) {
      var label = el('label', 'choice');
      var input = el('input');
      input.type = 'radio';
      input.name = 'classification';
      input.value = c.code;
      if (c.code === 'internal') { input.checked = true; }
      label.appendChild(input);
      label.appendChild(el('span', null, c.label));
      classes.appendChild(label);
    });
    $('file-hint').textContent = '支持 ' + m.fileTypes.join(' ') + '，每个文件不超过 '
      + Math.round(m.maxFileBytes / 1048576) + ' MB，最多 ' + m.maxFiles + ' 个；第一个文件为正文文件。';
    form.addEventListener('change', function (e) {
      if (e.target.name === 'kind') { $('explanation-field').hidden = kindChosen() !== 'news_lead'; }
    });
  }

  // --- files ---

  function addFiles(list) {
    Array.prototype.forEach.call(list, function (f) {
      if (!files.some(function (x) { return x.name === f.name && x.size === f.size; })) { files.push(f); }
    });
    renderFiles();
  }

  function renderFiles() {
    var ol = $('file-list');
    ol.textContent = '';
    files.forEach(function (f, i) {
      var li = el('li');
      li.appendChild(el('span', 'name', f.name));
      li.appendChild(el('span', 'size', size(f.size) + (i === 0 ? ' · 正文文件' : ' · 附件')));
      var problems = fileProblems(f);
      if (problems) { li.appendChild(el('span', 'bad', problems)); li.className = 'bad'; }
      var remove = el('button', 'small quiet', '移除');
      remove.type = 'button';
      remove.setAttribute('aria-label', '移除 ' + f.name);
      remove.addEventListener('click', function () { files.splice(i, 1); renderFiles(); });
      li.appendChild(remove);
      ol.appendChild(li);
    });
  }

  function fileProblems(f) {
    if (!meta) { return ''; }
    var ext = f.name.lastIndexOf('.') >= 0 ? f.name.substring(f.name.lastIndexOf('.')).toLowerCase() : '';
    if (meta.fileTypes.indexOf(ext) < 0) { return '格式不受支持'; }
    if (f.size > meta.maxFileBytes) { return '超过 ' + Math.round(meta.maxFileBytes / 1048576) + ' MB'; }
    if (f.size === 0) { return '空文件'; }
    return '';
  }

  function size(bytes) {
    if (bytes >= 1048576) { return (bytes / 1048576).toFixed(1) + ' MB'; }
    if (bytes >= 1024) { return Math.round(bytes / 1024) + ' KB'; }
    return bytes + ' B';
  }

  var drop = $('dropzone');
  ['dragenter', 'dragover'].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.remove('over'); });
  });
  drop.addEventListener('drop', function (e) { addFiles(e.dataTransfer.files); });
  $('files').addEventListener('change', function (e) { addFiles(e.target.files); e.target.value = ''; });
  // a file attached is the text too (请填写正文，或上传信息文件)
  ['drop', 'change'].forEach(function (t) {
    (t === 'drop' ? drop : $('files')).addEventListener(t, function () { clearField('text'); clearField('file'); });
  });

  // --- errors ---

  function clearErrors() {
    $('error').hidden = true;
    Array.prototype.forEach.call(form.querySelectorAll('[data-field]'), function (f) {
      f.classList.remove('invalid');
      f.querySelector('.field-error').textContent = '';
    });
  }

  // an error goes as soon as its field is being put right, not at the next submit
  function clearField(name) {
    var f = form.querySelector('[data-field="' + name + '"]');
    if (f) {
      f.classList.remove('invalid');
      f.querySelector('.field-error').textContent = '';
    }
  }

  form.addEventListener('input', function (e) {
    var f = e.target.closest && e.target.closest('[data-field]');
    if (f) { clearField(f.getAttribute('data-field')); }
  });

  function fieldError(name, text) {
    var f = form.querySelector('[data-field="' + name + '"]');
    if (!f) { return false; }
    f.classList.add('invalid');
    f.querySelector('.field-error').textContent = text;
    return true;
  }

  function check() {
    var ok = true;
    if (!$('title').value.trim()) { fieldError('title', '请填写标题。'); ok = false; }
    if (kindChosen() === 'news_lead' && !$('explanation').value.trim()) {
      ok = fieldError('explanation', '宣传报道线索须附简要情况说明。') && false;
    }
    var max = meta ? meta.maxBodyChars : 3000;
    if (countChars($('text').value) > max) { fieldError('text', '正文超过 ' + max + ' 字，请精简；典型案例等材料可作为附件上传。'); ok = false; }
    if (!$('text').value.trim() && !files.length) { fieldError('text', '请填写正文，或上传信息文件。'); ok = false; }
    var bad = files.filter(fileProblems);
    if (bad.length) { ok = fieldError('file', bad.map(function (f) { return f.name + '：' + fileProblems(f); }).join('；')) && false; }
    if (meta && files.length > meta.maxFiles) { fieldError('file', '一次最多上传 ' + meta.maxFiles + ' 个文件。'); ok = false; }
    return ok;
  }

  // --- sending ---

  function eventTime() {
    var v = $('eventTime').value; // local Beijing time as the liaison means it
    return v ? v + ':00+08:00' : null;
  }

  // /submit?commission=<id>: this item answers the office's commission (约稿)
  var commissionId = new URLSearchParams(window.location.search).get('commission');
  if (commissionId) {
    Jianbao.api('GET', '/api/commissions/' + encodeURIComponent(commissionId)).then(function (c) {
      var box = $('commission');
      box.textContent = '答复约稿：《' + c.title + '》，' + Jianbao.time(c.deadline) + '前报送；要求的类别：' + c.kindLabels.join('、') + '。';
      box.hidden = false;
      if (!$('title').value) { $('title').value = c.title; }
    }, function (e) {
      commissionId = null;
      show(e.message + '（将作为普通信息报送）');
    });
  }

  // a node restarting behind the proxy answers 502-504 or drops the connection: sent again by itself,
  // with the same Idempotency-Key, so an item the lost answer had already stored is stored once
  var RETRIES = 2;

  function send(attempt) {
    attempt = attempt || 0;
    var body = new FormData();
    var m = { title: $('title').value.trim(), kind: kindChosen(),
      classification: (form.querySelector('input[name=classification]:checked') || {}).value,
      author: $('author').value.trim() || null, text: $('text').value.trim() || null,
      explanation: $('explanation').value.trim() || null, eventTime: eventTime(), urgency: $('urgency').value,
      commissionId: commissionId };
    body.append('meta', new Blob([JSON.stringify(m)], { type: 'application/json' }));
    files.forEach(function (f) { body.append('file', f, f.name); });
    var xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/submissions');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Idempotency-Key', idempotencyKey);
    var token = Jianbao.csrfToken();
    if (token) { xhr.setRequestHeader('X-CSRF-TOKEN', token); }
    $('progress').hidden = false;
    $('send').disabled = true;
    xhr.upload.addEventListener('progress', function (e) {
      if (!e.lengthComputable) { return; }
      var pct = Math.round(e.loaded / e.total * 100);
      $('progress-bar').style.width = pct + '%';
      $('progress-text').textContent = pct < 100 ? '正在上传 ' + pct + '%' : '已上传，正在读取文件内容……';
    });
    xhr.addEventListener('load', function () {
      var data = {};
      try { data = JSON.parse(xhr.responseText || '{}'); } catch (e) { data = {}; }
      if (xhr.status === 201 || xhr.status === 200) {
        window.location.href = '/items/' + encodeURIComponent(data.id) + '?submitted=1';
        return;
      }
      if (xhr.status >= 502 && xhr.status <= 504 && attempt < RETRIES) { retry(attempt); return; }
      done();
      if (xhr.status === 401) { show('登录已过期，请刷新页面重新登录后再报送（已填写的内容请先复制保存）。'); return; }
      var field = data.field === 'meta' ? null : data.field;
      if (!(field && fieldError(field, data.detail))) { show(data.detail || ('报送未成功（' + xhr.status + '），请稍后重试。')); }
    });
    xhr.addEventListener('error', function () {
      if (attempt < RETRIES) { retry(attempt); return; }
      done();
      show('无法连接服务器，请检查网络后重试；内容仍在页面上。');
    });
    xhr.send(body);
  }

  function retry(attempt) {
    $('progress-text').textContent = '连接中断，正在重新发送（第' + (attempt + 1) + '次）……';
    setTimeout(function () { send(attempt + 1); }, 1500);
  }

  function done() {
    $('progress').hidden = true;
    $('send').disabled = false;
  }

  function show(text) {
    $('error').textContent = text;
    $('error').hidden = false;
    $('error').scrollIntoView({ block: 'center' });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearErrors();
    if (!check()) {
      var first = form.querySelector('.invalid');
      if (first) { first.scrollIntoView({ block: 'center' }); }
      return;
    }
    send();
  });
  $('text').addEventListener('input', updateCounter);

  Jianbao.meta.then(function (m) {
    meta = m;
    if (m) { renderChoices(m); }
    updateCounter();
  });
})();
