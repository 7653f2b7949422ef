// Kept for steps that began before the one step form (forms/step.html, js/step-form.js): their
// process version's Tasklist forms (forms/leader-approval.html and the like, deployed with it) load
// this. Remove it once no instance of those versions runs (README, "Upgrades").
(function () {
  'use strict';
  if (window.JianbaoForms) { return; }

  function forForm(camForm) {
    var root = camForm.formElement[0];
    var vm = camForm.variableManager;
    function q(name) { return root.querySelector('[data-jb="' + name + '"]'); }
    function el(tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) { e.className = cls; }
      if (text !== undefined && text !== null) { e.textContent = String(text); }
      return e;
    }
    function fmtTime(iso) {
      if (!iso) { return ''; }
      var d = new Date(iso);
      if (isNaN(d.getTime())) { return String(iso); }
      try {
        var p = {};
        new Intl.DateTimeFormat('zh-CN', { timeZone: (window.JIANBAO_SETTINGS && window.JIANBAO_SETTINGS.timeZone) || 'Asia/Shanghai', year: 'numeric', month: 'numeric',
          day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
          .formatToParts(d).forEach(function (x) { p[x.type] = x.value; });
        return p.year + '年' + p.month + '月' + p.day + '日 ' + p.hour + ':' + p.minute;
      } catch (e) {
        return d.toLocaleString('zh-CN');
      }
    }
    function sizeKb(bytes) {
      var kb = (Number(bytes) || 0) / 1024;
      return kb.toLocaleString('zh-CN', { maximumFractionDigits: 1, minimumFractionDigits: kb < 10 ? 1 : 0 }) + ' KB';
    }
    function decisionClass(code) {
      if (code === 'approve' || code === 'standalone' || code === 'comprehensive' || code === 'published') { return 'jb-approve'; }
      if (code === 'return') { return 'jb-return'; }
      if (code === 'reject' || code === 'rejected') { return 'jb-reject'; }
      return '';
    }
    function section(parent, title, extra) {
      var box = el('div', 'jb-section');
      var h = el('h5', null, title);
      if (extra) { h.appendChild(el('span', 'jb-muted', '　' + extra)); }
      box.appendChild(h);
      parent.appendChild(box);
      return box;
    }
    function renderItem(s) {
      var box = q('item');
      box.textContent = '';
      var h = el('h4', null, s.title || '（无标题）');
      if (s.classification === 'restricted') { h.appendChild(el('span', 'jb-restricted', '限定范围')); }
      box.appendChild(h);
      // the office review form: the archive, searched for this title, in a new tab
      var similar = q('similar');
      if (similar && s.title) {
        similar.href = '/archive?q=' + encodeURIComponent(s.title);
        similar.className = '';
        showSimilar(s, similar.parentNode);
      }

      var meta = el('dl', 'jb-meta');
      function row(label, value, node) {
        if (!node && (value === undefined || value === null || value === '')) { return; }
        meta.appendChild(el('dt', null, label));
        var dd = el('dd', null, node ? null : value);
        if (node) { dd.appendChild(node); }
        meta.appendChild(dd);
      }
      row('报送单位', s.unit && s.unit.name);
      row('署名', s.author);
      row('类别', s.kindLabel);
      var cls = el('span', null, s.classificationLabel || s.classification || '');
      if (s.classification === 'restricted') {
        cls.className = 'jb-reject';
        cls.textContent = '▲ ' + (s.classificationLabel || '限定范围') + '（严格限定知悉范围，不得外传）';
      }
      row('密级', null, cls);
      row('事件时间', fmtTime(s.eventTime));
      row('当前状态', s.statusLabel);
      row('报送时间', fmtTime(s.submittedAt));
      if (s.revision && s.revision > 1) { row('稿次', '第' + s.revision + '稿（已修改' + (s.revision - 1) + '次）'); }
      box.appendChild(meta);

      var text = section(box, '正文', '共 ' + (s.textChars || 0) + ' 字（不计空格）');
      text.appendChild(el('div', 'jb-body', s.text || '（无正文）'));

      if (s.explanation) {
        section(box, '简要情况说明').appendChild(el('div', 'jb-body', s.explanation));
      }

      var files = section(box, '文件');
      var docs = s.documents || [];
      if (!docs.length) {
        files.appendChild(el('p', 'jb-muted', '未上传文件'));
      } else {
        var ul = el('ul', 'jb-files');
        docs.forEach(function (d) {
          var li = el('li', d.superseded ? 'jb-superseded' : null);
          var a = el('a', 'jb-name', d.fileName || '未命名文件');
          a.setAttribute('href', d.url);
          a.setAttribute('download', '');
          li.appendChild(a);
          li.appendChild(el('span', 'jb-muted', '　' + sizeKb(d.size) + (d.revision ? '　第' + d.revision + '稿' : '')));
          if (d.superseded) { li.appendChild(el('span', 'jb-tag', '已替换')); }
          ul.appendChild(li);
        });
        files.appendChild(ul);
      }

      var log = section(box, '审批记录');
      var steps = s.decisions || [];
      if (!steps.length) {
        log.appendChild(el('p', 'jb-muted', '暂无记录'));
      } else {
        var table = el('table', 'jb-log');
        var head = el('tr');
        ['环节', '处理人', '意见', '说明', '时间'].forEach(function (t) { head.appendChild(el('th', null, t)); });
        table.appendChild(head);
        steps.forEach(function (st) {
          var tr = el('tr');
          tr.appendChild(el('td', null, st.stepLabel || st.step));
          tr.appendChild(el('td', 'jb-nowrap', st.actorName || st.actor || ''));
          tr.appendChild(el('td', decisionClass(st.decision), st.decisionLabel || st.decision || ''));
          var c = el('td', null, st.comment || '');
          c.style.whiteSpace = 'pre-wrap';
          tr.appendChild(c);
          tr.appendChild(el('td', 'jb-nowrap', fmtTime(st.decidedAt || st.startedAt)));
          table.appendChild(tr);
        });
        log.appendChild(table);
      }
    }
    // earlier items most like this one: "this looks like 黄江镇's item of 3 March"
    function showSimilar(s, box) {
      fetch('/api/submissions/' + encodeURIComponent(s.id) + '/similar', {
        credentials: 'same-origin', headers: { Accept: 'application/json' }
      }).then(function (r) { return r.ok ? r.json() : []; }).then(function (list) {
        var close = list.filter(function (x) { return x.similarity >= 0.3; }).slice(0, 3);
        if (!close.length) { return; }
        var p = el('div', 'jb-section');
        p.appendChild(el('strong', null, '疑似重复：'));
        close.forEach(function (x, i) {
          if (i) { p.appendChild(document.createTextNode('；')); }
          var a = el('a', null, x.unit.name + fmtTime(x.submittedAt).substring(0, 10) + '报送的《' + x.title + '》');
          a.href = '/items/' + encodeURIComponent(x.id);
          a.target = '_blank';
          a.rel = 'noopener';
          p.appendChild(a);
          p.appendChild(document.createTextNode('（相似度' + Math.round(x.similarity * 100) + '%，' + x.stageLabel + '）'));
        });
        box.appendChild(p);
      }).catch(function () { /* a hint, not a condition of the review */ });
    }
    function renderLoadError(message) {
      var box = q('item');
      box.textContent = '';
      box.appendChild(el('div', 'alert alert-danger', message));
    }
    function loadItem(onLoaded) {
      var id = vm.variable('submissionId') ? vm.variableValue('submissionId') : null;
      if (!id) {
        renderLoadError('无法读取该信息：任务缺少报送编号（submissionId），请联系系统管理员。');
        return;
      }
      fetch('/api/submissions/' + encodeURIComponent(id), {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' }
      }).then(function (response) {
        if (!response.ok) {
          return response.json().catch(function () { return {}; }).then(function (body) {
            var err = new Error(body && body.detail ? body.detail : '');
            err.status = response.status;
            throw err;
          });
        }
        return response.json();
      }).then(function (s) {
        renderItem(s);
        if (onLoaded) { onLoaded(s); }
      }).catch(function (err) {
        var msg;
        if (err.status === 401) {
          msg = '无法读取该信息：登录已过期，请刷新页面后重新登录。';
        } else if (err.status === 403 || err.status === 404) {
          msg = '无法读取该信息' + (err.message ? '：' + err.message : '：信息不存在，或您无权查看。');
        } else if (err.status) {
          msg = '无法读取该信息（服务器错误 ' + err.status + '）' + (err.message ? '：' + err.message : '，请稍后重试。');
        } else {
          msg = '无法读取该信息：无法连接服务器，请检查网络后重试。';
        }
        renderLoadError(msg);
      });
    }
    return { q: q, el: el, fmtTime: fmtTime, renderItem: renderItem, loadItem: loadItem,
      renderLoadError: renderLoadError };
  }

  window.JianbaoForms = { item: forForm };
})();
