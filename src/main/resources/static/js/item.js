// item.html: one item for everyone who may read it: its text, documents and versions, and for
// those who may read its record, the decisions and the approval path drawn on the BPMN model.
(function () {
  'use strict';
  var el = Jianbao.el;
  var id = decodeURIComponent(window.location.pathname.split('/')[2] || '');

  function $(x) { return document.getElementById(x); }

  function fail(e) {
    $('error').textContent = e.status === 404 ? '该信息不存在，或您无权查看。' : e.message;
    $('error').hidden = false;
  }

  function meta(dl, label, value) {
    if (!value) { return; }
    dl.appendChild(el('dt', null, label));
    dl.appendChild(el('dd', null, value));
  }

  function render(item, m) {
    document.title = item.title + ' · 简报信息报送系统';
    $('item').hidden = false;
    $('title').textContent = item.title;
    $('status').textContent = item.statusLabel;
    $('status').className = 'status ' + item.status;
    $('classification').textContent = item.classificationLabel;
    var dl = $('meta');
    meta(dl, '报送编号', item.number);
    meta(dl, '报送单位', item.unit.name);
    meta(dl, '署名', item.author);
    meta(dl, '报送人', item.liaisonName);
    meta(dl, '类别', item.kindLabel);
    meta(dl, '报送时间', Jianbao.time(item.submittedAt));
    meta(dl, '事件时间', item.eventTime ? Jianbao.time(item.eventTime) : null);
    meta(dl, '紧急程度', item.urgencyLabel);
    if (item.late !== undefined) {
      meta(dl, '时效', item.late ? item.lateByLabel + '（应于' + Jianbao.time(item.reportDeadline) + '前报送）' : '按时报送');
    }
    if (item.adoption && item.adoption !== 'rejected') {
      meta(dl, '采用', (m && m.decisions[item.adoption]) + (item.points !== undefined ? '（' + item.points + '分）' : ''));
    }
    meta(dl, '正文字数', item.textChars + ' 字');
    if (item.status === 'revising' && item.decisions) {
      var returns = item.decisions.filter(function (d) { return d.decision === 'return'; });
      var last = returns[returns.length - 1];
      if (last) {
        $('returned').textContent = '已退回修改：' + (last.comment || '') + '（' + last.stepLabel + ' · '
          + (last.actorName || last.actor) + ' · ' + Jianbao.time(last.decidedAt) + '）';
        $('returned').hidden = false;
      }
    }
    if (item.rejectionReason && (item.status === 'rejected' || item.status === 'not_adopted')) {
      $('returned').textContent = (item.status === 'rejected' ? '退稿理由：' : '不予采用理由：') + item.rejectionReason;
      $('returned').hidden = false;
    }
    var actions = $('actions');
    if (item.decisions) {
      var record = el('a', 'button quiet small', '打印审批单');
      record.href = '/items/' + encodeURIComponent(item.id) + '/record';
      actions.appendChild(record);
    }
    // whoever holds the item's current step decides it here, with the same form as /tasks/{id}
    Jianbao.api('GET', '/api/tasks?subjectId=' + encodeURIComponent(item.id)).then(function (tasks) {
      if (!tasks.length || !window.JianbaoStep) { return; }
      var card = $('step-card');
      card.hidden = false;
      window.JianbaoStep.render(card, tasks[0].id, { decisionOnly: true, onDone: function () {
        window.setTimeout(function () { window.location.reload(); }, 1500);
      } });
    }, function () { /* the page stands without it */ });
    var text = $('text');
    (item.text || '').split(/\n+/).forEach(function (p) { if (p.trim()) { text.appendChild(el('p', null, p.trim())); } });
    if (item.explanation) {
      $('explanation').textContent = '情况说明：' + item.explanation;
      $('explanation').hidden = false;
    }
    var docs = $('documents');
    (item.documents || []).forEach(function (d) {
      var li = el('li', d.superseded ? 'superseded' : '');
      var a = el('a', null, d.fileName);
      a.href = d.url;
      li.appendChild(a);
      li.appendChild(el('span', 'hint', '第' + d.revision + '稿' + (d.superseded ? '（已被替换）' : '')
        + ' · ' + Math.max(1, Math.round(d.size / 1024)) + ' KB'));
      docs.appendChild(li);
    });
    $('documents-card').hidden = !(item.documents || []).length;
    revisions(item);
  }

  // --- 改稿 and the record of revisions ---

  var OFFICE_EDITABLE = ['office_review', 'adoption_decision', 'awaiting_publication'];

  function revisions(item) {
    Jianbao.me.then(function (me) {
      var office = me && (me.roles.indexOf('editor') >= 0 || me.roles.indexOf('signer') >= 0);
      if (office && OFFICE_EDITABLE.indexOf(item.status) >= 0 && window.JianbaoStep && window.JianbaoStep.officeEditor) {
        $('revisions-card').hidden = false;
        window.JianbaoStep.officeEditor($('edit-box'), item, function () {
          window.setTimeout(function () { window.location.reload(); }, 1200);
        });
      }
    });
    if (!item.decisions) { return; } // the record is the unit's and the office's
    Jianbao.api('GET', '/api/submissions/' + encodeURIComponent(item.id) + '/revisions').then(function (list) {
      var ol = $('revisions');
      list.slice(1).forEach(function (r) {
        var li = el('li', r.byOffice ? 'office' : '');
        li.appendChild(el('p', 'who', '第' + r.revision + '稿 · ' + (r.byOffice ? '办公室改稿' : '单位修改后重新报送') + ' · '
          + r.by + (r.byUnit ? '（' + r.byUnit + '）' : '') + ' · ' + Jianbao.time(r.at)));
        if (r.note) { li.appendChild(el('p', 'note', '说明：' + r.note)); }
        if (r.titleChanged) {
          var t = el('p', 'title-diff');
          t.appendChild(document.createTextNode('标题：'));
          t.appendChild(diffView(r.titleDiff, false));
          li.appendChild(t);
        }
        var changed = (r.textDiff || []).some(function (x) { return x.op !== 'same'; });
        li.appendChild(changed ? diffView(r.textDiff, true) : el('p', 'hint', '正文未改动。'));
        ol.appendChild(li);
      });
      if (list.length > 1) { $('revisions-card').hidden = false; }
    }, function () { /* the page stands without it */ });
  }

  /** The change marked: taken out struck through, put in underlined; long unchanged stretches shortened. */
  function diffView(runs, shorten) {
    var box = el(shorten ? 'div' : 'span', 'jb-diff');
    runs.forEach(function (r, i) {
      if (r.op === 'same') {
        var t = r.text;
        if (shorten && t.length > 120) {
          var head = i === 0 ? '' : t.slice(0, 50);
          var tail = i === runs.length - 1 ? '' : t.slice(-50);
          box.appendChild(document.createTextNode(head));
          box.appendChild(el('span', 'gap', '……（' + (t.length - head.length - tail.length) + '字未改动）……'));
          box.appendChild(document.createTextNode(tail));
        } else {
          box.appendChild(document.createTextNode(t));
        }
      } else {
        var mark = el(r.op === 'deleted' ? 'del' : 'ins', null, r.text);
        mark.title = r.op === 'deleted' ? '删去' : '增加';
        box.appendChild(mark);
      }
    });
    return box;
  }

  // --- the path on the diagram ---

  /**
   * The path as people read it: 报送 → 单位审批 → 办公室审核 → 采用 → 刊发, where the item is, and who
   * decided each step and when (the last time, where a step was done more than once).
   */
  var STAGES = [
    { label: '报送', steps: ['revise'] },
    { label: '单位审批', steps: ['leaderApproval'], statuses: ['leader_approval'] },
    { label: '办公室审核', steps: ['officeReview'], statuses: ['office_review', 'revising'] },
    { label: '采用', steps: ['adoptionDecision'], statuses: ['adoption_decision'] },
    { label: '刊发', steps: [], statuses: ['awaiting_publication'] }
  ];

  function drawProgress(path, item) {
    var ol = $('progress');
    ol.textContent = '';
    var ended = { rejected: '已退稿', not_adopted: '不予采用' }[item.status];
    var at = -1;
    STAGES.forEach(function (s, i) { if ((s.statuses || []).indexOf(item.status) >= 0) { at = i; } });
    if (item.status === 'published') { at = STAGES.length; }
    if (ended) {
      // stopped at the last step someone decided
      path.trail.forEach(function (t) {
        STAGES.forEach(function (s, i) { if (s.steps.indexOf(t.stepId) >= 0 && t.endedAt) { at = i; } });
      });
    }
    STAGES.forEach(function (s, i) {
      var done = i < at || (i === 0) || (ended && i === at);
      var li = el('li', done ? 'done' : (i === at ? 'current' : 'todo'));
      li.appendChild(el('span', 'stage', s.label));
      var last = path.trail.filter(function (t) { return s.steps.indexOf(t.stepId) >= 0 && t.endedAt; }).pop();
      var who = '';
      if (i === 0) {
        who = (item.liaisonName || '') + ' ' + Jianbao.time(item.submittedAt);
      } else if (last) {
        who = (last.actorName || '') + (last.decisionLabel ? ' · ' + last.decisionLabel : '') + ' ' + Jianbao.time(last.endedAt);
      } else if (i === STAGES.length - 1 && item.status === 'published') {
        who = '已刊发';
      } else if (i === at) {
        who = ended ? '' : '办理中';
      }
      if (ended && i === at) { who = who + ' · ' + ended; }
      if (who.trim()) { li.appendChild(el('span', 'who', who.trim())); }
      if (i === at && !ended && item.status !== 'published') { li.setAttribute('aria-current', 'step'); }
      ol.appendChild(li);
    });
  }

  function drawPath(path, item) {
    $('path-card').hidden = false;
    if (item) { drawProgress(path, item); }
    var trail = $('trail');
    path.trail.forEach(function (t) {
      var li = el('li');
      li.appendChild(el('strong', null, t.step));
      li.appendChild(el('span', null, ' ' + (t.actorName || t.actor || '') + (t.decisionLabel ? ' · ' + t.decisionLabel : '')));
      li.appendChild(el('span', 'hint', ' ' + Jianbao.time(t.endedAt || t.startedAt)));
      if (t.comment) { li.appendChild(el('p', 'comment', t.comment)); }
      if (!t.endedAt) { li.className = 'current'; }
      trail.appendChild(li);
    });
    // the engine's diagram one click away (an auditor's view): drawn when opened, so it can fit its box
    var box = $('diagram-box');
    var drawn = false;
    box.addEventListener('toggle', function () {
      if (box.open && !drawn) {
        drawn = true;
        drawDiagram(path);
      }
    });
  }

  function drawDiagram(path) {
    if (typeof BpmnJS === 'undefined') { return; }
    // labels a size people read (bpmn-js lays text out with these, so it still fits its shapes)
    var viewer = new BpmnJS({ container: '#diagram', textRenderer: { defaultStyle: { fontSize: 13, lineHeight: 1.3 },
      externalStyle: { fontSize: 12, lineHeight: 1.3 } } });
    viewer.importXML(path.xml).then(function () {
      var canvas = viewer.get('canvas');
      var overlays = viewer.get('overlays');
      var registry = viewer.get('elementRegistry');
      canvas.zoom('fit-viewport');
      // what people do stands out; what the system does (gateways, events, automatic steps) is greyed
      registry.forEach(function (e) {
        if (e.type !== 'bpmn:UserTask' && e.type !== 'bpmn:SequenceFlow' && e.type !== 'bpmn:Process'
          && e.type !== 'label' && e.type !== 'bpmn:StartEvent' && e.type !== 'bpmn:EndEvent') {
          canvas.addMarker(e.id, 'system');
        }
      });
      var decisions = {}; // task id -> decisions taken there
      path.trail.forEach(function (t) {
        if (t.decision) { (decisions[t.stepId] = decisions[t.stepId] || []).push(t.decision); }
      });
      Object.keys(path.visited).forEach(function (activity) {
        if (!registry.get(activity)) { return; }
        canvas.addMarker(activity, 'visited');
        var times = path.visited[activity];
        var last = path.trail.filter(function (t) { return t.stepId === activity; }).pop();
        if (last && last.endedAt && last.actorName && registry.get(activity).type === 'bpmn:UserTask') {
          var badge = el('div', 'path-badge', (last.actorName || '') + (times > 1 ? ' · 第' + times + '次' : ''));
          overlays.add(activity, { position: { bottom: -4, left: 0 }, html: badge });
        }
      });
      path.current.forEach(function (activity) {
        if (registry.get(activity)) { canvas.addMarker(activity, 'current'); }
      });
      registry.filter(function (e) { return e.type === 'bpmn:SequenceFlow'; }).forEach(function (flow) {
        var source = flow.businessObject.sourceRef.id;
        var target = flow.businessObject.targetRef.id;
        if (!path.visited[source] || !path.visited[target]) { return; }
        var condition = flow.businessObject.conditionExpression;
        if (condition) {
          var value = (condition.body || '').match(/==\s*'([^']+)'/);
          var task = (flow.businessObject.sourceRef.incoming || [])[0];
          var taskId = task && task.sourceRef && task.sourceRef.id;
          if (!value || !(decisions[taskId] || []).some(function (d) { return d === value[1]; })) { return; }
          if (value[1] === 'return') { canvas.addMarker(flow.id, 'loop'); }
        }
        canvas.addMarker(flow.id, 'taken');
      });
    }).catch(function () {
      $('diagram').textContent = '审批路径图无法显示，请参阅下方记录。';
    });
  }

  var justSubmitted = new URLSearchParams(window.location.search).get('submitted');

  Promise.all([Jianbao.api('GET', '/api/submissions/' + encodeURIComponent(id)), Jianbao.meta])
    .then(function (r) {
      if (justSubmitted) {
        // the 报送编号, not the id: what the liaison can read out on the phone
        $('submitted').textContent = '已报送，报送编号 ' + r[0].number
          + '。下一步：本单位主管领导审批，您可在“本单位信息”中随时查看进度。';
        $('submitted').hidden = false;
      }
      render(r[0], r[1]);
      if (r[0].decisions) {
        return Jianbao.api('GET', '/api/submissions/' + encodeURIComponent(id) + '/path')
          .then(function (path) { drawPath(path, r[0]); });
      }
    })
    .catch(fail);
})();
