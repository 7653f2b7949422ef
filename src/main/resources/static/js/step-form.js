// One step's form, written once: our task page (/tasks/{id}) and Camunda Tasklist's embedded form
// (forms/*.html, a thin shell) both call JianbaoStep.render(container, taskId, options). The item (or
// the issue) comes first - title, unit, kind, urgency, text, documents, earlier decisions and reasons,
// possible duplicates - and the decision last: big buttons, a reason where the rules ask for one, one
// submit that takes the step and decides it (POST /api/tasks/{id}/decision), then a confirmation.
// It needs js/jianbao.js (our pages load it; Tasklist's shell loads it first).
(function () {
  'use strict';
  if (window.JianbaoStep) { return; }

  var TIME_ZONE = (window.JIANBAO_SETTINGS && window.JIANBAO_SETTINGS.timeZone) || 'Asia/Shanghai';

  // the helpers every page shares (js/jianbao.js), bound when the first step renders: a Tasklist
  // form of an earlier version may load this file alone
  var el;
  var api;
  var since;

  function helpers() {
    if (window.Jianbao && window.Jianbao.api) {
      return Promise.resolve(window.Jianbao);
    }
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.charset = 'utf-8';
      s.src = '/js/jianbao.js';
      s.onload = function () { resolve(window.Jianbao); };
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  function time(iso) {
    if (!iso) { return ''; }
    var d = new Date(iso);
    if (isNaN(d.getTime())) { return String(iso); }
    var p = {};
    new Intl.DateTimeFormat('zh-CN', { timeZone: TIME_ZONE, month: 'numeric', day: 'numeric', hour: '2-digit',
      minute: '2-digit', hourCycle: 'h23' }).formatToParts(d).forEach(function (x) { p[x.type] = x.value; });
    return p.month + '月' + p.day + '日 ' + p.hour + ':' + p.minute;
  }

  function stylesheet() {
    if (document.querySelector('link[data-jb-step]')) { return; }
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '/css/step-form.css';
    link.setAttribute('data-jb-step', '');
    document.head.appendChild(link);
  }

  /** The step's heading: what is asked, of which item, from whom, since when. */
  function head(task) {
    var box = el('header', 'jbs-head');
    box.appendChild(el('p', 'jbs-step', task.stepLabel));
    var h = el('h2', 'jbs-title', task.title || '（无标题）');
    if (task.restricted) { h.appendChild(el('span', 'jbs-restricted', '限定范围')); }
    box.appendChild(h);
    var meta = el('p', 'jbs-meta');
    [task.unitName, task.kindLabel, task.urgencyLabel].filter(Boolean).forEach(function (x, i) {
      if (i) { meta.appendChild(document.createTextNode(' · ')); }
      meta.appendChild(document.createTextNode(x));
    });
    box.appendChild(meta);
    var wait = el('p', 'jbs-wait' + (task.overdue ? ' jbs-overdue' : ''));
    wait.textContent = '已等待' + since(task.since) + (task.due ? (task.overdue ? '，已超过办理时限（' + time(task.due) + '）'
      : '，请于' + time(task.due) + '前办理') : '');
    box.appendChild(wait);
    return box;
  }

  function section(parent, title) {
    var s = el('section', 'jbs-section');
    s.appendChild(el('h3', null, title));
    parent.appendChild(s);
    return s;
  }

  /** A long text folded to a few lines on a small screen, with 展开全文. */
  function body(text) {
    var wrap = el('div', 'jbs-body-wrap');
    var b = el('div', 'jbs-body', text || '（无正文）');
    wrap.appendChild(b);
    if (text && text.length > 300) {
      b.classList.add('jbs-folded');
      var more = el('button', 'jbs-more', '展开全文（' + text.length + '字）');
      more.type = 'button';
      more.addEventListener('click', function () {
        b.classList.remove('jbs-folded');
        wrap.removeChild(more);
      });
      wrap.appendChild(more);
    }
    return wrap;
  }

  function decisionClass(code) {
    if (code === 'approve' || code === 'standalone' || code === 'comprehensive' || code === 'published'
      || code === 'resubmitted' || code === 'submitted') { return 'jbs-approve'; }
    if (code === 'return') { return 'jbs-return'; }
    if (code === 'reject' || code === 'rejected') { return 'jbs-reject'; }
    return '';
  }

  function renderSubmission(box, s, task) {
    var meta = el('dl', 'jbs-dl');
    function row(k, v) {
      if (!v) { return; }
      meta.appendChild(el('dt', null, k));
      meta.appendChild(el('dd', null, v));
    }
    row('报送编号', s.number);
    row('署名', s.author);
    row('密级', s.classification === 'restricted' ? '限定范围（严格限定知悉范围，不得外传）' : s.classificationLabel);
    row('事件时间', time(s.eventTime));
    row('报送时间', time(s.submittedAt));
    if (s.revision > 1) { row('稿次', '第' + s.revision + '稿'); }
    box.appendChild(meta);
    section(box, '正文').appendChild(body(s.text));
    if (s.explanation) { section(box, '简要情况说明').appendChild(body(s.explanation)); }
    var docs = (s.documents || []).filter(function (d) { return !d.superseded; });
    if (docs.length) {
      var files = section(box, '文件');
      var ul = el('ul', 'jbs-files');
      docs.forEach(function (d) {
        var li = el('li');
        var a = el('a', null, d.fileName || '未命名文件');
        a.href = d.url;
        a.setAttribute('download', '');
        li.appendChild(a);
        ul.appendChild(li);
      });
      files.appendChild(ul);
    }
    var steps = (s.decisions || []).filter(function (d) { return d.decision; });
    if (steps.length) {
      var log = section(box, '此前的处理');
      var ol = el('ol', 'jbs-log');
      steps.forEach(function (st) {
        var li = el('li');
        var line = el('p');
        line.appendChild(el('strong', null, (st.stepLabel || '') + ' '));
        line.appendChild(el('span', decisionClass(st.decision), st.decisionLabel || st.decision));
        line.appendChild(el('span', 'jbs-muted', ' · ' + (st.actorName || '') + ' · ' + time(st.decidedAt || st.startedAt)));
        li.appendChild(line);
        if (st.comment) { li.appendChild(el('p', 'jbs-reason', st.comment)); }
        ol.appendChild(li);
      });
      log.appendChild(ol);
    }
    if (task.step === 'officeReview') { similar(box, s); }
  }

  /** Earlier items most like this one (the office asks: did we have this already?). */
  function similar(box, s) {
    api('GET', '/api/submissions/' + encodeURIComponent(s.id) + '/similar').then(function (list) {
      var close = list.filter(function (x) { return x.similarity >= 0.3; }).slice(0, 3);
      if (!close.length) { return; }
      var sec = section(box, '疑似重复');
      close.forEach(function (x) {
        var p = el('p');
        var a = el('a', null, '《' + x.title + '》');
        a.href = '/items/' + encodeURIComponent(x.id);
        a.target = '_blank';
        a.rel = 'noopener';
        p.appendChild(document.createTextNode(x.unit.name + ' ' + time(x.submittedAt) + ' '));
        p.appendChild(a);
        p.appendChild(el('span', 'jbs-muted', ' 相似度' + Math.round(x.similarity * 100) + '%，' + x.stageLabel));
        sec.appendChild(p);
      });
    }, function () { /* a hint, not a condition of the review */ });
  }

  function renderIssue(box, issue) {
    var meta = el('dl', 'jbs-dl');
    [['类别', issue.seriesLabel], ['期号', issue.numberLabel || '签发后编号'], ['印数', issue.printRun ? issue.printRun + '份' : ''],
      ['编排', issue.createdByName]].forEach(function (r) {
      if (!r[1]) { return; }
      meta.appendChild(el('dt', null, r[0]));
      meta.appendChild(el('dd', null, r[1]));
    });
    box.appendChild(meta);
    var d = issue.distribution || {};
    var names = function (list) { return (list || []).map(function (x) { return x.name; }).join('、'); };
    var dist = section(box, '报送范围');
    [['报', d.report], ['送', d.send], ['发', d.issue]].forEach(function (r) {
      if (r[1] && r[1].length) { dist.appendChild(el('p', null, r[0] + '：' + names(r[1]))); }
    });
    var articles = section(box, '本期信息（' + (issue.items || []).length + '条）');
    (issue.items || []).forEach(function (item, i) {
      var art = el('article', 'jbs-article');
      art.appendChild(el('h4', null, (i + 1) + '. ' + (item.headline || item.title)));
      art.appendChild(el('p', 'jbs-muted', (item.unit ? item.unit.name : '') + (item.author ? ' · ' + item.author : '')));
      art.appendChild(body(item.text));
      articles.appendChild(art);
    });
    var preview = el('a', 'jbs-link', '查看排版（印发样式）');
    preview.href = '/issues/' + encodeURIComponent(issue.id);
    preview.target = '_blank';
    preview.rel = 'noopener';
    articles.appendChild(preview);
  }

  /** The decision: a big button per choice, the reason where asked, one submit. */
  function decision(box, task, subject, options) {
    var form = el('form', 'jbs-decide');
    form.noValidate = true;
    form.appendChild(el('h3', null, task.step === 'revise' ? '修改后重新报送' : '您的决定'));
    var chosen = null;
    var text = null;
    var file = null;
    if (task.step === 'revise') {
      var t = el('label', 'jbs-label', '正文（可直接修改）');
      text = el('textarea', 'jbs-text');
      text.rows = 10;
      text.value = subject.text || '';
      t.appendChild(text);
      form.appendChild(t);
      var f = el('label', 'jbs-label', '或上传修改后的文件');
      file = el('input');
      file.type = 'file';
      file.accept = '.doc,.docx,.wps,.pdf,.ofd,.txt,.odt,.rtf';
      f.appendChild(file);
      form.appendChild(f);
    }
    var buttons = el('div', 'jbs-choices');
    task.choices.forEach(function (c) {
      var b = el('button', 'jbs-choice jbs-' + c.tone, c.label);
      b.type = 'button';
      b.setAttribute('aria-pressed', 'false');
      b.addEventListener('click', function () {
        chosen = c;
        Array.prototype.forEach.call(buttons.children, function (x) { x.setAttribute('aria-pressed', String(x === b)); });
        reasonLabel.firstChild.textContent = c.reasonRequired ? '理由或修改要求（必填）' : '意见（可不填）';
        reason.required = c.reasonRequired;
        reasonBox.hidden = false;
        submit.hidden = false;
        submit.textContent = '提交：' + c.label;
        error.textContent = '';
        if (c.reasonRequired) { reason.focus(); }
      });
      buttons.appendChild(b);
    });
    if (task.choices.length === 1) { buttons.hidden = true; chosen = task.choices[0]; }
    form.appendChild(buttons);
    var reasonBox = el('div', 'jbs-reason-box');
    reasonBox.hidden = task.choices.length > 1;
    var reasonLabel = el('label', 'jbs-label', '意见（可不填）');
    var reason = el('textarea', 'jbs-text');
    reason.rows = 3;
    reason.maxLength = 2000;
    reasonLabel.appendChild(reason);
    reasonBox.appendChild(reasonLabel);
    if (task.step !== 'revise' && task.step !== 'compileIssue') { form.appendChild(reasonBox); }
    var error = el('p', 'jbs-error');
    error.setAttribute('role', 'alert');
    form.appendChild(error);
    var submit = el('button', 'jbs-submit', chosen ? chosen.label : '提交');
    submit.type = 'submit';
    submit.hidden = !chosen;
    form.appendChild(submit);
    reason.addEventListener('input', function () { if (reason.value.trim()) { error.textContent = ''; } });

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (!chosen) { error.textContent = '请先选择。'; return; }
      var comment = reason.value.trim();
      if (chosen.reasonRequired && !comment) {
        error.textContent = '选择“' + chosen.label + '”时请填写理由或修改要求。';
        reason.focus();
        return;
      }
      submit.disabled = true;
      submit.textContent = '正在提交……';
      var done;
      if (task.step === 'revise' && file && file.files[0]) {
        var data = new FormData();
        var meta = text.value.trim() && text.value.trim() !== (subject.text || '').trim() ? { text: text.value } : {};
        data.append('meta', new Blob([JSON.stringify(meta)], { type: 'application/json' }));
        data.append('file', file.files[0]);
        done = api('PUT', '/api/submissions/' + encodeURIComponent(subject.id), data).then(function () {
          return { stepLabel: task.stepLabel, decisionLabel: '重新报送', title: task.title, next: null };
        });
      } else {
        var request = { decision: chosen.code, comment: comment || null };
        if (task.step === 'revise') { request.text = text.value; }
        done = api('POST', '/api/tasks/' + encodeURIComponent(task.id) + '/decision', request);
      }
      done.then(function (result) {
        confirmation(box, result, options);
      }, function (err) {
        submit.disabled = false;
        submit.textContent = '提交：' + chosen.label;
        if (err.status === 409) {
          taken(box, err.message, options);
          return;
        }
        error.textContent = err.message;
      });
    });
    box.appendChild(form);
  }

  function confirmation(box, result, options) {
    box.textContent = '';
    var ok = el('div', 'jbs-done');
    ok.setAttribute('role', 'status');
    ok.appendChild(el('p', 'jbs-done-mark', '✓ 已提交'));
    ok.appendChild(el('p', null, result.stepLabel + '：' + result.decisionLabel));
    if (result.title) { ok.appendChild(el('p', 'jbs-muted', '《' + result.title + '》')); }
    box.appendChild(ok);
    if (options.onDone) { options.onDone(result); }
    if (options.inTasklist || options.decisionOnly) { return; }
    var next = el('div', 'jbs-next');
    if (result.next) {
      var a = el('a', 'jbs-submit', '下一项：' + result.next.stepLabel);
      a.href = '/tasks/' + encodeURIComponent(result.next.id);
      next.appendChild(a);
      next.appendChild(el('p', 'jbs-muted', '《' + (result.next.title || '') + '》'));
    }
    var back = el('a', 'jbs-link', result.next ? '返回待办列表' : '没有其他待办了，返回待办列表');
    back.href = '/tasks';
    next.appendChild(back);
    box.appendChild(next);
  }

  function taken(box, message, options) {
    box.textContent = '';
    var p = el('div', 'jbs-done jbs-taken');
    p.setAttribute('role', 'status');
    p.appendChild(el('p', null, message));
    box.appendChild(p);
    if (!options.inTasklist) {
      var back = el('a', 'jbs-link', '返回待办列表');
      back.href = '/tasks';
      box.appendChild(back);
    }
    if (options.onDone) { options.onDone(null); }
  }

  /**
   * 改稿: the office edits the title and text in place (PUT /api/submissions/{id}, a revision of its own
   * with a note why); the unit, the signer and the auditor see the change marked on the item's page.
   */
  function officeEditor(container, s, onSaved) {
    var box = el('div', 'jbs-edit');
    var open = el('button', 'jbs-edit-open', '改稿（修改标题和正文）');
    open.type = 'button';
    box.appendChild(open);
    var form = el('form', 'jbs-edit-form');
    form.hidden = true;
    var titleLabel = el('label', 'jbs-label', '标题');
    var title = el('input', 'jbs-input');
    title.value = s.title || '';
    title.maxLength = 200;
    titleLabel.appendChild(title);
    var textLabel = el('label', 'jbs-label', '正文');
    var text = el('textarea', 'jbs-text');
    text.value = s.text || '';
    text.rows = 12;
    textLabel.appendChild(text);
    var noteLabel = el('label', 'jbs-label', '改稿说明（可不填，如：压缩篇幅、规范表述）');
    var note = el('input', 'jbs-input');
    note.maxLength = 500;
    noteLabel.appendChild(note);
    var error = el('p', 'jbs-error');
    error.setAttribute('role', 'alert');
    var save = el('button', 'jbs-submit', '保存改稿');
    save.type = 'submit';
    var cancel = el('button', 'jbs-edit-open', '取消');
    cancel.type = 'button';
    [titleLabel, textLabel, noteLabel, error, save, cancel].forEach(function (x) { form.appendChild(x); });
    box.appendChild(form);
    open.addEventListener('click', function () { form.hidden = false; open.hidden = true; text.focus(); });
    cancel.addEventListener('click', function () { form.hidden = true; open.hidden = false; error.textContent = ''; });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (!title.value.trim() || !text.value.trim()) {
        error.textContent = !title.value.trim() ? '标题不能为空。' : '正文不能为空。';
        return;
      }
      var data = new FormData();
      data.append('meta', new Blob([JSON.stringify({ title: title.value, text: text.value, note: note.value || null })],
        { type: 'application/json' }));
      save.disabled = true;
      save.textContent = '正在保存……';
      api('PUT', '/api/submissions/' + encodeURIComponent(s.id), data).then(function (updated) {
        form.hidden = true;
        open.hidden = false;
        save.disabled = false;
        save.textContent = '保存改稿';
        var ok = el('p', 'jbs-ok', '已保存第' + updated.revision + '稿（办公室改稿）。报送单位、签发人和审计人员可在信息页看到改动。');
        ok.setAttribute('role', 'status');
        box.insertBefore(ok, form);
        if (onSaved) { onSaved(updated); }
      }, function (err) {
        save.disabled = false;
        save.textContent = '保存改稿';
        error.textContent = err.message;
      });
    });
    container.appendChild(box);
    return box;
  }

  function render(container, taskId, options) {
    helpers().then(function (J) {
      el = J.el;
      api = J.api;
      since = J.since;
      show(container, taskId, options || {});
    }, function () {
      container.textContent = '无法读取该事项：无法连接服务器，请刷新后重试。';
    });
  }

  function show(container, taskId, options) {
    stylesheet();
    container.classList.add('jbs');
    container.textContent = '';
    container.appendChild(el('p', 'jbs-muted', '正在读取……'));
    api('GET', '/api/tasks/' + encodeURIComponent(taskId)).then(function (task) {
      var subject = task.subject === 'issue' ? api('GET', '/api/issues/' + encodeURIComponent(task.subjectId))
        : api('GET', '/api/submissions/' + encodeURIComponent(task.subjectId));
      return subject.then(function (s) {
        container.textContent = '';
        if (options.notice) {
          var saved = el('p', 'jbs-ok', options.notice);
          saved.setAttribute('role', 'status');
          container.appendChild(saved);
        }
        if (options.decisionOnly) {
          // a page that shows the item itself (its own page): only what is asked, and the decision
          container.appendChild(el('h2', 'jbs-title', '待您办理：' + task.stepLabel));
        } else {
          container.appendChild(head(task));
          var content = el('div', 'jbs-content');
          if (task.subject === 'issue') { renderIssue(content, s); } else { renderSubmission(content, s, task); }
          container.appendChild(content);
          if (task.subject === 'submission' && (task.step === 'officeReview' || task.step === 'adoptionDecision')) {
            // the office corrects a word without sending the item back; the form shows the new text
            officeEditor(container, s, function (updated) {
              show(container, taskId, Object.assign({}, options, { notice: '已保存第' + updated.revision
                + '稿（办公室改稿）。报送单位、签发人和审计人员可在信息页看到改动。' }));
            });
          }
        }
        if (task.step === 'compileIssue') {
          var edit = el('p', 'jbs-muted', '调整本期的信息、标题和报送范围，请在“编排简报”中进行；确认无误后送签发。');
          container.appendChild(edit);
        }
        decision(container, task, s, options);
        if (options.onReady) { options.onReady(task); }
      });
    }).catch(function (err) {
      if (err.status === 409) {
        taken(container, err.message, options);
        return;
      }
      container.textContent = '';
      container.appendChild(el('p', 'jbs-error', err.status === 404 ? '该事项不存在，或不是您的待办。' : err.message));
    });
  }

  window.JianbaoStep = { render: render, officeEditor: function (container, s, onSaved) {
    return helpers().then(function (J) {
      el = J.el;
      api = J.api;
      since = J.since;
      stylesheet();
      return officeEditor(container, s, onSaved);
    });
  } };
})();
