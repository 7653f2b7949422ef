// compose.html: the editor composes an issue from adopted items: choose, order, edit headlines,
// pick 报/送/发 from the units and people (or a saved list), preview as printed, create.
// The same page continues a draft at /issues/{id}/compose, which is also the compile step's form in
// Tasklist (forms/compile-issue.html frames it): nothing is composed in two places.
(function () {
  'use strict';
  var draftId = (window.location.pathname.match(/^\/issues\/([0-9a-fA-F-]{36})\/compose\/?$/) || [])[1] || null;
  var embedded = window.parent !== window;
  // the Tasklist form around us: our height (no inner scroll bar) and when the step is done
  function tellParent(message) {
    if (embedded) { window.parent.postMessage(Object.assign({ jianbao: true }, message), window.location.origin); }
  }
  var el = Jianbao.el;
  var api = Jianbao.api;
  var LISTS = [['report', '报'], ['send', '送'], ['issue', '发']];
  var SERIES = { briefing: '简报', special: '专报', circular: '通报', flash: '快报' };
  var candidates = [];          // items awaiting publication
  var chosen = [];              // { item, headline }
  // codes of units and people in the system, and (outside) names of recipients that are not users
  var dist = { report: [], send: [], issue: [], outside: { report: [], send: [], issue: [] } };

  function distOf(d) {
    var o = (d && d.outside) || {};
    return { report: (d && d.report) || [], send: (d && d.send) || [], issue: (d && d.issue) || [],
      outside: { report: o.report || [], send: o.send || [], issue: o.issue || [] } };
  }
  var names = {};               // unit code or user id -> name
  var recipients = { units: [], people: [] };
  var picking = null;           // which list the picker fills
  var form = document.getElementById('issue');

  function $(x) { return document.getElementById(x); }

  function showError(text) {
    $('error').textContent = text || '';
    $('error').hidden = !text;
  }

  // --- candidates ---

  // items already in an issue being composed or signed are not offered again (the server refuses them)
  var placed = [];

  function loadCandidates() {
    return Promise.all([fetch('/api/submissions?status=awaiting_publication&size=100', { credentials: 'same-origin',
      headers: { Accept: 'application/json' } }).then(function (r) { return r.json(); }),
      api('GET', '/api/issues/placed').catch(function () { return []; })]).then(function (r) {
      var list = r[0];
      placed = r[1] || [];
      var taken = {};
      // this draft's own items stay on offer (they are ticked)
      placed = placed.filter(function (p) { return !chosen.some(function (x) { return x.item.id === p.submissionId; }); });
      placed.forEach(function (p) { taken[p.submissionId] = p.issueTitle; });
      candidates = (Array.isArray(list) ? list : []).filter(function (c) { return !taken[c.id]; });
      renderCandidates();
    });
  }

  function renderCandidates() {
    var f = $('filters');
    var ul = $('candidates');
    ul.textContent = '';
    var shown = candidates.filter(function (c) {
      return (!f.adoption.value || c.adoption === f.adoption.value) && (!f.unit.value || c.unit.code === f.unit.value)
        && (!f.from.value || c.since >= f.from.value);
    });
    $('no-candidates').hidden = shown.length > 0;
    var note = $('placed-note');
    if (note) {
      note.textContent = placed.length ? '另有' + placed.length + '条已编入待签发的简报，不再列出。' : '';
      note.hidden = !placed.length;
    }
    shown.forEach(function (c) {
      var li = el('li');
      var label = el('label');
      var box = el('input');
      box.type = 'checkbox';
      box.checked = chosen.some(function (x) { return x.item.id === c.id; });
      box.addEventListener('change', function () { toggle(c, box.checked); });
      label.appendChild(box);
      var body = el('span');
      body.appendChild(el('strong', null, c.title));
      body.appendChild(el('span', 'hint', c.unit.name + ' · ' + c.kindLabel + ' · '
        + (c.adoption === 'standalone' ? '单独刊发' : '综合采用') + ' · ' + c.classificationLabel
        + ' · 采用于 ' + Jianbao.time(c.since)));
      label.appendChild(body);
      li.appendChild(label);
      ul.appendChild(li);
    });
  }

  function toggle(item, on) {
    chosen = chosen.filter(function (x) { return x.item.id !== item.id; });
    if (on) { chosen.push({ item: item, headline: item.title }); }
    if (chosen.length && chosen.every(function (x) { return x.item.adoption === 'comprehensive'; })) {
      $('comprehensive').checked = true;
    } else if (chosen.length === 1 && chosen[0].item.adoption === 'standalone') {
      $('comprehensive').checked = false;
    }
    if (!form.title.value && chosen.length === 1) { form.title.value = chosen[0].item.title; }
    renderChosen();
  }

  function renderChosen() {
    var ol = $('chosen');
    ol.textContent = '';
    $('chosen-empty').hidden = chosen.length > 0;
    chosen.forEach(function (x, i) {
      var li = el('li');
      var headline = el('input');
      headline.value = x.headline;
      headline.maxLength = 200;
      headline.setAttribute('aria-label', '第' + (i + 1) + '条的标题');
      headline.addEventListener('input', function () { x.headline = headline.value; });
      li.appendChild(headline);
      li.appendChild(el('span', 'hint', x.item.unit.name + (x.item.classification !== 'public' ? ' · ' + x.item.classificationLabel : '')));
      if (i > 0 && $('comprehensive').checked) {
        var merge = el('select', 'merge');
        merge.setAttribute('aria-label', '第' + (i + 1) + '条合并到');
        merge.appendChild(new Option('单独成篇', ''));
        chosen.slice(0, i).forEach(function (y, k) {
          if (!y.mergedInto) {
            merge.appendChild(new Option('并入第' + (k + 1) + '条《' + (y.headline || y.item.title) + '》（合报）', y.item.id));
          }
        });
        merge.value = x.mergedInto || '';
        if (merge.value !== (x.mergedInto || '')) { x.mergedInto = ''; }
        merge.addEventListener('change', function () {
          x.mergedInto = merge.value;
          // what was merged into this one stands alone again
          if (x.mergedInto) { chosen.forEach(function (y) { if (y.mergedInto === x.item.id) { y.mergedInto = ''; } }); }
          renderChosen();
        });
        li.appendChild(merge);
        if (x.mergedInto) { li.classList.add('merged'); }
      }
      var tools = el('span', 'tools');
      tools.appendChild(tool('↑', '上移', i > 0, function () { swap(i, i - 1); }));
      tools.appendChild(tool('↓', '下移', i < chosen.length - 1, function () { swap(i, i + 1); }));
      tools.appendChild(tool('×', '移出本期', true, function () { toggle(x.item, false); renderCandidates(); }));
      li.appendChild(tools);
      ol.appendChild(li);
    });
  }

  function tool(text, label, enabled, handler) {
    var b = el('button', 'small quiet', text);
    b.type = 'button';
    b.disabled = !enabled;
    b.title = label;
    b.setAttribute('aria-label', label);
    b.addEventListener('click', handler);
    return b;
  }

  function swap(a, b) {
    var t = chosen[a];
    chosen[a] = chosen[b];
    chosen[b] = t;
    renderChosen();
  }

  // --- distribution ---

  function renderDist() {
    var box = $('dist');
    box.textContent = '';
    LISTS.forEach(function (l) {
      var row = el('div', 'dist-row');
      row.appendChild(el('span', 'dist-label', l[1] + '：'));
      var chips = el('span', 'chips');
      dist.outside[l[0]].forEach(function (name) {
        var chip = el('span', 'chip outside', name);
        chip.title = '系统外单位：印在版记上，不在系统中发送';
        var x = el('button', 'chip-x', '×');
        x.type = 'button';
        x.setAttribute('aria-label', '移除 ' + name);
        x.addEventListener('click', function () {
          dist.outside[l[0]] = dist.outside[l[0]].filter(function (n) { return n !== name; });
          renderDist();
        });
        chip.appendChild(x);
        chips.appendChild(chip);
      });
      dist[l[0]].forEach(function (code) {
        var chip = el('span', 'chip', names[code] || code);
        var x = el('button', 'chip-x', '×');
        x.type = 'button';
        x.setAttribute('aria-label', '移除 ' + (names[code] || code));
        x.addEventListener('click', function () {
          dist[l[0]] = dist[l[0]].filter(function (c) { return c !== code; });
          renderDist();
        });
        chip.appendChild(x);
        chips.appendChild(chip);
      });
      row.appendChild(chips);
      var add = el('button', 'small quiet', '选择…');
      add.type = 'button';
      add.addEventListener('click', function () { openPicker(l[0], l[1]); });
      row.appendChild(add);
      // a recipient outside the system (市扫黑办): by name, printed, never sent in the system
      var outside = el('span', 'outside-add');
      var input = el('input');
      input.type = 'text';
      input.maxLength = 50;
      input.placeholder = '系统外，如市扫黑办';
      input.setAttribute('aria-label', l[1] + '：系统外单位名称');
      input.setAttribute('data-outside', l[0]);
      var plus = el('button', 'small quiet', '添加');
      plus.type = 'button';
      function addOutside() {
        var name = input.value.trim();
        if (!name) { input.focus(); return; }
        if (dist.outside[l[0]].indexOf(name) < 0) { dist.outside[l[0]].push(name); }
        renderDist();
      }
      plus.addEventListener('click', addOutside);
      input.addEventListener('keydown', function (e) { if (e.key === 'Enter') { e.preventDefault(); addOutside(); } });
      outside.appendChild(input);
      outside.appendChild(plus);
      row.appendChild(outside);
      box.appendChild(row);
    });
  }

  function openPicker(list, label) {
    picking = list;
    $('picker-title').textContent = '选择“' + label + '”的单位和人员';
    $('picker-query').value = '';
    renderPicker();
    $('picker').showModal();
  }

  function renderPicker() {
    var q = $('picker-query').value.trim();
    var units = $('picker-units');
    var people = $('picker-people');
    units.textContent = '';
    people.textContent = '';
    function item(into, code, text, sub, depth) {
      var li = el('li');
      if (depth) { li.className = 'depth' + Math.min(depth, 3); }
      var label = el('label');
      var box = el('input');
      box.type = 'checkbox';
      box.checked = dist[picking].indexOf(code) >= 0;
      box.addEventListener('change', function () {
        dist[picking] = dist[picking].filter(function (c) { return c !== code; });
        if (box.checked) { dist[picking].push(code); }
        renderDist();
      });
      label.appendChild(box);
      label.appendChild(el('span', null, text));
      if (sub) { label.appendChild(el('span', 'hint', ' ' + sub)); }
      li.appendChild(label);
      into.appendChild(li);
    }
    var children = {};
    recipients.units.forEach(function (u) { (children[u.parentCode || ''] = children[u.parentCode || ''] || []).push(u); });
    (function walk(parent, depth) {
      (children[parent] || []).forEach(function (u) {
        if (!q || u.name.indexOf(q) >= 0) { item(units, u.code, u.name, u.kindLabel, depth); }
        walk(u.code, depth + 1);
      });
    })('', 0);
    recipients.people.filter(function (p) { return !q || p.name.indexOf(q) >= 0 || p.unitName.indexOf(q) >= 0; })
      .slice(0, 200).forEach(function (p) { item(people, p.userId, p.name, p.unitName + ' · ' + p.roles.join('、')); });
  }

  function loadSaved() {
    return api('GET', '/api/distribution-lists').then(function (lists) {
      var select = $('saved-lists');
      select.length = 1;
      lists.forEach(function (l) {
        var o = new Option(l.name, l.id);
        o.dataset.dist = JSON.stringify(l.distribution);
        select.appendChild(o);
      });
    });
  }

  // --- preview, create ---

  function draft() {
    var headlines = {};
    chosen.forEach(function (x) { headlines[x.item.id] = x.headline.trim(); });
    return { series: form.series.value, title: form.title.value.trim(),
      submissionIds: chosen.map(function (x) { return x.item.id; }), headlines: headlines,
      comprehensive: $('comprehensive').checked, distribution: dist, printRun: Number(form.printRun.value) || 100,
      lead: form.lead.value.trim() || null, numberedCopies: $('numberedCopies').checked, mergedInto: mergedInto() };
  }

  // 合报: an item joins the article of an earlier item that leads its own (comprehensive issues only)
  function mergedInto() {
    var m = {};
    if (!$('comprehensive').checked) { return m; }
    chosen.forEach(function (x) {
      if (x.mergedInto && chosen.some(function (y) { return y.item.id === x.mergedInto && !y.mergedInto; })) {
        m[x.item.id] = x.mergedInto;
      }
    });
    return m;
  }

  /** The chosen items as printed: each article a leading item and the items merged into it. */
  function articles() {
    var m = mergedInto();
    var out = [];
    chosen.forEach(function (x) {
      if (m[x.item.id]) { return; }
      out.push([x].concat(chosen.filter(function (y) { return m[y.item.id] === x.item.id; })));
    });
    return out;
  }

  var texts = {};
  function articleText(id) {
    if (!texts[id]) { texts[id] = api('GET', '/api/submissions/' + encodeURIComponent(id)); }
    return texts[id];
  }

  function squeeze(s) {
    return String(s || '').replace(/[\s\u3000\p{P}\p{S}]/gu, '');
  }

  function preview() {
    var d = draft();
    var paper = $('preview-paper');
    paper.textContent = '';
    paper.appendChild(el('p', 'series', SERIES[d.series]));
    paper.appendChild(el('p', 'number', '第　期（签发时编号）'));
    var line = el('p', 'office');
    line.appendChild(el('span', null, recipients.officeName || '协调办公室'));
    line.appendChild(el('span', null, Jianbao.date(new Date().toISOString())));
    paper.appendChild(line);
    // as printed: the issue's headline where it says more than the article's, the list of headlines
    // where there are several, and every article with its text
    if (!d.title || chosen.length !== 1 || d.title !== chosen[0].headline.trim()) {
      paper.appendChild(el('h3', 'issue-title', d.title || '（未填写本期标题）'));
    }
    Jianbao.lead(paper, d.lead);
    var pieces = articles();
    if (pieces.length > 1) {
      var toc = el('ul', 'toc');
      pieces.forEach(function (a) { toc.appendChild(el('li', null, '■ ' + a[0].headline)); });
      paper.appendChild(toc);
    }
    pieces.forEach(function (a) {
      var x = a[0];
      paper.appendChild(el('h4', null, x.headline));
      var units = [];
      a.forEach(function (y) { if (units.indexOf(y.item.unit.name) < 0) { units.push(y.item.unit.name); } });
      paper.appendChild(el('p', 'byline', '（' + units.join('、') + (a.length === 1 && x.item.author ? ' ' + x.item.author : '') + '）'));
      a.forEach(function (y) {
        var body = el('div', 'body');
        body.appendChild(el('p', 'hint', '正在读取正文……'));
        paper.appendChild(body);
        articleText(y.item.id).then(function (item) {
          body.textContent = '';
          var paragraphs = (item.text || '').split(/\n+/).map(function (p) { return p.trim(); }).filter(Boolean);
          // a Word submission's first line repeats its title: not printed twice
          if (paragraphs.length && squeeze(paragraphs[0]) && (squeeze(paragraphs[0]) === squeeze(item.title)
            || squeeze(paragraphs[0]) === squeeze(x.headline))) { paragraphs.shift(); }
          paragraphs.forEach(function (p) { body.appendChild(el('p', null, p)); });
        }, function () {
          body.textContent = '';
          body.appendChild(el('p', 'hint', '正文暂时无法读取。'));
        });
      });
    });
    var foot = el('div', 'foot');
    LISTS.forEach(function (l) {
      var printed = dist.outside[l[0]].concat(dist[l[0]].map(function (c) { return names[c] || c; }));
      if (printed.length) { foot.appendChild(el('p', null, l[1] + '：' + printed.join('，'))); }
    });
    foot.appendChild(el('p', null, '共印' + d.printRun + '份'));
    paper.appendChild(foot);
    $('preview').showModal();
  }

  function fieldError(name, text) {
    var f = form.querySelector('[data-field="' + name + '"]');
    if (!f) { return false; }
    f.classList.add('invalid');
    f.querySelector('.field-error').textContent = text;
    return true;
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    showError('');
    Array.prototype.forEach.call(form.querySelectorAll('[data-field]'), function (f) {
      f.classList.remove('invalid');
      f.querySelector('.field-error').textContent = '';
    });
    var d = draft();
    if (!d.title) { fieldError('title', '请填写本期标题。'); return; }
    if (!d.submissionIds.length) { fieldError('submissionIds', '请至少选择一条信息。'); return; }
    // 送签发: composed here, sent to the signer at once (nothing to do again in Tasklist)
    d.toSignOff = !!(e.submitter && e.submitter.id === 'send');
    $('create').disabled = true;
    $('send').disabled = true;
    if (draftId) { return saveDraft(d); }
    api('POST', '/api/issues', d).then(function (issue) {
      var box = $('created');
      box.textContent = '';
      box.appendChild(document.createTextNode(d.toSignOff ? '已将“' + d.title + '”送签发，签发人已收到待办通知。'
        : '已保存草稿“' + d.title + '”，可随时在待办“编排简报”中继续编排并送签发。'));
      var a = el('a', null, d.toSignOff ? '查看本期' : '查看本期草稿');
      a.href = '/issues/' + encodeURIComponent(issue.id);
      box.appendChild(a);
      box.appendChild(document.createTextNode('。'));
      box.hidden = false;
      chosen = [];
      form.title.value = '';
      form.lead.value = '';
      $('numberedCopies').checked = false;
      renderChosen();
      return loadCandidates();
    }).catch(function (err) {
      var field = err.problem && err.problem.field;
      if (!(field && fieldError(field, err.message))) { showError(err.message); }
    }).then(function () { $('create').disabled = false; $('send').disabled = false; });
  });

  /** A draft continued: saved in place, and sent to the signer when asked (the compile step completes). */
  function saveDraft(d) {
    var toSignOff = d.toSignOff;
    delete d.toSignOff;
    api('PUT', '/api/issues/' + encodeURIComponent(draftId), d).then(function () {
      return toSignOff ? api('POST', '/api/issues/' + encodeURIComponent(draftId) + '/sign-off') : null;
    }).then(function () {
      var box = $('created');
      box.textContent = toSignOff ? '已将“' + d.title + '”送签发，签发人已收到待办通知。' : '已保存草稿“' + d.title + '”。';
      box.hidden = false;
      if (toSignOff) {
        lock('本期已送签发，不能再修改；如需修改，请签发人退回编排。');
        tellParent({ done: true });
      }
    }).catch(function (err) {
      var field = err.problem && err.problem.field;
      if (!(field && fieldError(field, err.message))) { showError(err.message); }
    }).then(function () {
      if (!form.classList.contains('locked')) { $('create').disabled = false; $('send').disabled = false; }
      sizeChanged();
    });
  }

  function lock(why) {
    form.classList.add('locked');
    Array.prototype.forEach.call(document.querySelectorAll('.compose input, .compose select, .compose textarea, .compose button'),
      function (c) { if (c.id !== 'preview-button') { c.disabled = true; } });
    showError(why);
  }

  /** The draft as it is stored, into the page: items, headlines, distribution, 编者按, 份号, print run. */
  function fill(issue) {
    document.querySelector('h1').textContent = '编排简报：' + issue.title;
    document.title = '编排简报：' + issue.title + ' · 简报信息报送系统';
    form.series.value = issue.series;
    form.title.value = issue.title;
    form.printRun.value = issue.printRun;
    form.lead.value = issue.lead || '';
    $('numberedCopies').checked = !!issue.numberedCopies;
    $('comprehensive').checked = !!issue.comprehensive;
    var d = issue.distribution || {};
    dist = distOf({});
    LISTS.forEach(function (l) {
      (d[l[0]] || []).forEach(function (x) {
        if (x.outside) { dist.outside[l[0]].push(x.name); } else { dist[l[0]].push(x.code); }
      });
    });
    chosen = issue.items.map(function (it) {
      return { headline: it.headline || it.title, mergedInto: it.mergedInto ? String(it.mergedInto) : '',
        item: { id: String(it.submissionId), title: it.title, unit: it.unit,
        author: it.author, kindLabel: it.kindLabel, classification: it.classification, classificationLabel: '',
        adoption: issue.comprehensive ? 'comprehensive' : 'standalone' } };
    });
    if (issue.status !== 'draft') { lock('本期已刊发，不能再编排。'); }
  }

  var lastHeight = 0;
  function sizeChanged() {
    var h = document.documentElement.scrollHeight;
    if (h !== lastHeight) { lastHeight = h; tellParent({ height: h }); }
  }
  if (embedded) {
    document.body.classList.add('embedded');
    window.setInterval(sizeChanged, 400);
  }

  $('preview-button').addEventListener('click', preview);
  $('comprehensive').addEventListener('change', renderChosen);
  $('picker-query').addEventListener('input', renderPicker);
  $('filters').addEventListener('change', renderCandidates);
  $('saved-lists').addEventListener('change', function (e) {
    var o = e.target.selectedOptions[0];
    if (o && o.dataset.dist) {
      dist = distOf(JSON.parse(o.dataset.dist));
      renderDist();
    }
  });
  $('save-list').addEventListener('click', function () {
    var name = window.prompt('常用发放范围的名称（同名将覆盖）：', $('saved-lists').selectedOptions[0].value ? $('saved-lists').selectedOptions[0].text : '');
    if (!name) { return; }
    api('POST', '/api/distribution-lists', { name: name, distribution: dist })
      .then(loadSaved)
      .then(function () {
        Array.prototype.forEach.call($('saved-lists').options, function (o) { if (o.text === name.trim()) { o.selected = true; } });
      })
      .catch(function (err) { showError(err.message); });
  });

  var loadDraft = draftId ? api('GET', '/api/issues/' + encodeURIComponent(draftId)).then(fill) : Promise.resolve();
  Promise.all([api('GET', '/api/recipients'), loadDraft.then(loadCandidates), loadSaved()]).then(function (r) {
    recipients = r[0];
    recipients.units.forEach(function (u) {
      names[u.code] = u.name;
      if (u.kind === 'office') { recipients.officeName = u.name; }
      else { $('filters').unit.appendChild(new Option(u.name, u.code)); }
    });
    recipients.people.forEach(function (p) { names[p.userId] = p.name + '（' + p.unitName + '）'; });
    // a draft's items: as listed among the candidates (their adoption and marks), else as the draft has them
    chosen.forEach(function (x) {
      var listed = candidates.filter(function (c) { return c.id === x.item.id; })[0];
      if (listed) { x.item = listed; }
    });
    renderDist();
    renderChosen();
    renderCandidates();
    sizeChanged();
  }).catch(function (err) {
    showError(err.status === 403 ? '只有协调办公室的编辑可以编排简报。'
      : err.status === 404 ? '这期简报不存在或您无权查看。' : err.message);
  });
})();
