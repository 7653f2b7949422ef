// archive.html
(function () {
  'use strict';

  var SIZE = 20;
  var WINDOW = 10000; // the archive pages through its first 10000 results at most
  var FIELDS = ['q', 'unit', 'kind', 'series', 'from', 'to', 'stage'];
  var KINDS = { dynamic: '动态信息', research: '调研信息', 'case': '案件信息', special: '专报素材', news_lead: '宣传报道线索' };
  var SERIES = { briefing: '简报', special: '专报', circular: '通报', flash: '快报' };

  var form = document.getElementById('search');
  var hitsEl = document.getElementById('hits');
  var summaryEl = document.getElementById('summary');
  var messageEl = document.getElementById('message');
  var pagerEl = document.getElementById('pager');
  var facetsEl = document.getElementById('facets');
  var resultsEl = document.getElementById('results');
  var unitSelect = document.getElementById('unit');
  var unitNames = {}; // code -> name, learnt from facets and hits
  var sequence = 0;
  var shownFacets = { key: null, facets: null }; // the counts on screen and the query they count

  var el = window.Jianbao.el; // js/jianbao.js, loaded before

  function fmtDate(iso) {
    if (!iso) { return ''; }
    var d = new Date(iso);
    if (isNaN(d.getTime())) { return String(iso); }
    try {
      var p = {};
      new Intl.DateTimeFormat('zh-CN', { timeZone: Jianbao.timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
        .formatToParts(d).forEach(function (x) { p[x.type] = x.value; });
      return p.year + '年' + Number(p.month) + '月' + Number(p.day) + '日';
    } catch (e) {
      return d.toLocaleDateString('zh-CN');
    }
  }

  // --- state in the URL -------------------------------------------------------------

  function readState() {
    var u = new URLSearchParams(window.location.search);
    var s = {};
    FIELDS.forEach(function (f) { s[f] = (u.get(f) || '').trim(); });
    s.sort = u.get('sort') === 'newest' || u.get('sort') === 'relevance' ? u.get('sort') : '';
    var page = parseInt(u.get('page'), 10);
    s.page = isNaN(page) || page < 0 ? 0 : page;
    return s;
  }

  function query(s) {
    var u = new URLSearchParams();
    FIELDS.forEach(function (f) { if (s[f]) { u.set(f, s[f]); } });
    if (s.sort) { u.set('sort', s.sort); }
    if (s.page) { u.set('page', String(s.page)); }
    return u.toString();
  }

  function pageUrl(s) {
    var qs = query(s);
    return '/archive' + (qs ? '?' + qs : '');
  }

  function effectiveSort(s) {
    return s.sort || (s.q ? 'relevance' : 'newest');
  }

  function filtered(s) {
    return FIELDS.some(function (f) { return f !== 'q' && s[f]; });
  }

  function go(s, focusResults) {
    history.pushState(null, '', pageUrl(s));
    run(s, focusResults);
  }

  function formState() {
    var s = {};
    FIELDS.forEach(function (f) { s[f] = (form.elements[f].value || '').trim(); });
    s.sort = readState().sort;
    s.page = 0;
    return s;
  }

  function fillForm(s) {
    ensureUnitOption(s.unit);
    FIELDS.forEach(function (f) { form.elements[f].value = s[f]; });
    var sort = effectiveSort(s);
    Array.prototype.forEach.call(document.querySelectorAll('.sort button'), function (b) {
      b.setAttribute('aria-pressed', String(b.getAttribute('data-sort') === sort));
    });
  }

  function ensureUnitOption(code) {
    if (!code) { return; }
    for (var i = 0; i < unitSelect.options.length; i++) {
      if (unitSelect.options[i].value === code) { return; }
    }
    unitSelect.appendChild(new Option(unitNames[code] || code, code));
  }

  // --- highlights: the server escapes all but <em>; trust nothing and build text nodes --------

  var ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };
  function decodeEntities(s) {
    return s.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, function (all, name) {
      if (name.charAt(0) === '#') {
        var n = name.charAt(1) === 'x' || name.charAt(1) === 'X' ? parseInt(name.substring(2), 16) : parseInt(name.substring(1), 10);
        return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : all;
      }
      return Object.prototype.hasOwnProperty.call(ENTITIES, name) ? ENTITIES[name] : all;
    });
  }
  function highlighted(fragment) {
    var out = document.createDocumentFragment();
    var inside = false;
    String(fragment || '').split(/(<\/?em>)/).forEach(function (part) {
      if (part === '<em>') { inside = true; return; }
      if (part === '</em>') { inside = false; return; }
      if (!part) { return; }
      var text = document.createTextNode(decodeEntities(part));
      if (inside) {
        var em = document.createElement('em');
        em.appendChild(text);
        out.appendChild(em);
      } else {
        out.appendChild(text);
      }
    });
    return out;
  }

  // --- rendering -----------------------------------------------------------------------

  function showState(cls, title, lines, action) {
    messageEl.textContent = '';
    if (!title) { return; }
    var box = el('div', 'card state' + (cls ? ' ' + cls : ''));
    if (cls === 'error') { box.setAttribute('role', 'alert'); }
    box.appendChild(el('h3', null, title));
    (lines || []).forEach(function (line) {
      if (Array.isArray(line)) {
        var ul = el('ul');
        line.forEach(function (x) { ul.appendChild(el('li', null, x)); });
        box.appendChild(ul);
      } else {
        box.appendChild(el('p', null, line));
      }
    });
    if (action) { box.appendChild(action); }
    messageEl.appendChild(box);
  }

  function clearButton() {
    var b = el('button', 'quiet', '清除全部条件');
    b.type = 'button';
    b.addEventListener('click', function () { go({ q: '', unit: '', kind: '', series: '', from: '', to: '', stage: '', sort: '', page: 0 }, true); });
    return b;
  }

  function renderHit(h) {
    var li = el('li', 'hit card');
    var title = el('h3');
    var titleText = h.highlights && h.highlights.title && h.highlights.title.length
      ? highlighted(h.highlights.title[0]) : document.createTextNode(h.title || '（无标题）');
    if (h.issueId || h.submissionId) {
      var a = el('a');
      // a published item opens in its issue; one still on its way on its own page
      a.href = h.issueId ? '/issues/' + encodeURIComponent(h.issueId) : '/items/' + encodeURIComponent(h.submissionId);
      a.appendChild(titleText);
      title.appendChild(a);
    } else {
      title.appendChild(titleText);
    }
    if (h.classification === 'restricted') {
      var tag = el('span', 'restricted', '限定范围');
      tag.title = '严格限定知悉范围，不得外传';
      title.appendChild(tag);
    }
    li.appendChild(title);

    var meta = el('ul', 'meta');
    function m(label, value) {
      if (!value) { return; }
      var item = el('li');
      item.appendChild(el('span', 'k', label + '：'));
      item.appendChild(document.createTextNode(value));
      meta.appendChild(item);
    }
    var unitName = h.unit && (h.unit.name || h.unit.code);
    if (h.unit && h.unit.code && h.unit.name && !unitNames[h.unit.code]) { unitNames[h.unit.code] = h.unit.name; }
    m('单位', unitName);
    m('类别', h.kindLabel || KINDS[h.kind] || h.kind);
    var issueLabel = [h.seriesLabel || SERIES[h.series] || h.series,
      h.numberLabel || (h.issueYear && h.issueNumber ? h.issueYear + '年第' + h.issueNumber + '期' : '')]
      .filter(Boolean).join(' ');
    m('刊于', issueLabel + (h.issueTitle ? '　' + h.issueTitle : ''));
    m('刊发日期', fmtDate(h.publishedAt));
    if (!h.issueId) {
      m('环节', h.stageLabel);
      m('报送日期', fmtDate(h.submittedAt));
    }
    m('署名', h.author);
    li.appendChild(meta);

    var texts = (h.highlights && h.highlights.text) || [];
    texts.slice(0, 3).forEach(function (f) {
      var p = el('p', 'fragment');
      p.appendChild(document.createTextNode('……'));
      p.appendChild(highlighted(f));
      p.appendChild(document.createTextNode('……'));
      li.appendChild(p);
    });
    // found in an attachment: say so, with where
    var annex = (h.highlights && h.highlights.attachments) || [];
    annex.slice(0, 2).forEach(function (f) {
      var p = el('p', 'fragment');
      p.appendChild(el('strong', null, '附件中：'));
      p.appendChild(document.createTextNode('……'));
      p.appendChild(highlighted(f));
      p.appendChild(document.createTextNode('……'));
      li.appendChild(p);
    });
    return li;
  }

  function facetGroup(title, entries, isActive, toggle, labels) {
    var wrap = document.createDocumentFragment();
    var h = el('h3', null, title);
    wrap.appendChild(h);
    if (!entries || !entries.length) {
      wrap.appendChild(el('p', 'none', '无'));
      return wrap;
    }
    var ul = el('ul');
    ul.setAttribute('aria-label', title);
    entries.forEach(function (e) {
      e = Object.assign({}, e, { label: e.label || (labels && labels[e.key]) || String(e.key) });
      var li = el('li');
      var b = el('button');
      b.type = 'button';
      var active = isActive(e);
      b.setAttribute('aria-pressed', String(active));
      b.appendChild(el('span', 'label', e.label || e.key));
      var c = el('span', 'count', e.count);
      c.setAttribute('aria-label', e.count + '条');
      b.appendChild(c);
      b.title = active ? '取消筛选“' + (e.label || e.key) + '”' : '只看“' + (e.label || e.key) + '”';
      b.addEventListener('click', function () { toggle(e, active); });
      li.appendChild(b);
      ul.appendChild(li);
    });
    wrap.appendChild(ul);
    return wrap;
  }

  function renderFacets(s, facets) {
    facetsEl.textContent = '';
    facetsEl.appendChild(el('h2', null, '分类统计')).id = 'facets-heading';
    facets = facets || {};
    function simple(field) {
      return {
        active: function (e) { return s[field] === String(e.key); },
        toggle: function (e, active) {
          var next = Object.assign({}, s, { page: 0 });
          next[field] = active ? '' : String(e.key);
          go(next, false);
        }
      };
    }
    [['环节', 'stage', {}], ['单位', 'unit', unitNames], ['类别', 'kind', KINDS], ['简报类别', 'series', SERIES]].forEach(function (x) {
      var f = simple(x[1]);
      facetsEl.appendChild(facetGroup(x[0], facets[x[1]], f.active, f.toggle, x[2]));
    });
    // 年份 filters by the dates of that year
    var years = (facets.year || []).map(function (e) { return Object.assign({}, e, { label: e.label || e.key + '年' }); });
    facetsEl.appendChild(facetGroup('年份', years, function (e) {
      return s.from === e.key + '-01-01' && s.to === e.key + '-12-31';
    }, function (e, active) {
      go(Object.assign({}, s, { page: 0, from: active ? '' : e.key + '-01-01', to: active ? '' : e.key + '-12-31' }), false);
    }));

    // the 单位 filter offers the units the archive knows of
    (facets.unit || []).forEach(function (e) {
      if (e.label && !unitNames[e.key]) { unitNames[e.key] = e.label; }
    });
    var current = unitSelect.value;
    Object.keys(unitNames).forEach(function (code) { ensureUnitOption(code); });
    Array.prototype.forEach.call(unitSelect.options, function (o) {
      if (o.value && unitNames[o.value]) { o.textContent = unitNames[o.value]; }
    });
    unitSelect.value = current;
  }

  function renderPager(s, total, size) {
    pagerEl.textContent = '';
    var pages = Math.max(1, Math.ceil(Math.min(total, WINDOW) / size));
    if (total <= size && s.page === 0) { pagerEl.hidden = true; return; }
    pagerEl.hidden = false;
    function link(text, page, enabled, rel) {
      var a = el('a', 'button', text);
      if (enabled) {
        var next = Object.assign({}, s, { page: page });
        a.href = pageUrl(next);
        a.rel = rel;
        a.addEventListener('click', function (e) {
          if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) { return; }
          e.preventDefault();
          go(next, true);
        });
      } else {
        a.setAttribute('aria-disabled', 'true');
        a.setAttribute('role', 'link');
      }
      return a;
    }
    pagerEl.appendChild(link('上一页', s.page - 1, s.page > 0, 'prev'));
    var where = el('span', 'where', '第 ' + (s.page + 1) + ' / ' + pages + ' 页');
    pagerEl.appendChild(where);
    pagerEl.appendChild(link('下一页', s.page + 1, s.page + 1 < pages, 'next'));
  }

  function render(s, data) {
    var total = Number(data.total) || 0;
    var size = Number(data.size) || SIZE;
    var hits = data.hits || [];
    hitsEl.textContent = '';
    messageEl.textContent = '';
    renderFacets(s, data.facets);

    var browsing = !s.q && !filtered(s);
    document.getElementById('result-heading').textContent = browsing ? '最近刊发' : '检索结果';
    var pages = Math.max(1, Math.ceil(Math.min(total, WINDOW) / size));
    // past 10000 the archive stops counting (it would cost every search): 超过10000条
    summaryEl.textContent = (data.totalAtLeast ? '超过 ' + total + ' 条' : '共 ' + total + ' 条')
      + (total > size ? '，第 ' + (s.page + 1) + ' / ' + pages + ' 页' : '')
      + (total > WINDOW || data.totalAtLeast ? '（可翻看前' + WINDOW + '条，请缩小检索范围）' : '');

    if (data.byNumber) {
      // the query is a 报送编号: its item first, whatever stage it is at
      var n = data.byNumber;
      var card = el('li', 'hit card by-number');
      var h3 = el('h3');
      var link = el('a', null, n.title);
      link.href = '/items/' + encodeURIComponent(n.id);
      h3.appendChild(link);
      card.appendChild(h3);
      card.appendChild(el('p', 'hint', '报送编号 ' + n.number + ' · ' + n.unitName + ' · ' + n.statusLabel));
      hitsEl.appendChild(card);
    }
    if (!hits.length && !data.byNumber) {
      if (total > 0 && s.page > 0) {
        var first = el('a', null, '回到第一页');
        first.href = pageUrl(Object.assign({}, s, { page: 0 }));
        showState('', '这一页没有结果', ['共 ' + total + ' 条结果，没有这么多页。'], first);
      } else if (browsing) {
        showState('', '档案中还没有已刊发的信息', ['简报签发刊发后，其中的信息会出现在这里，供检索查阅。']);
      } else {
        var tips = ['检查用字是否有误，或换一个说法', '减少关键词，如只保留“线索摸排”', '放宽或清除单位、类别、日期等条件'];
        var suggestion = null;
        if (data.suggestions && data.suggestions.length) {
          // did you mean: the query without the word that found nothing, with what it finds
          suggestion = el('div', 'suggest');
          var spelling = data.suggestions.filter(function (x) { return x.kind === 'spelling'; });
          var shorter = data.suggestions.filter(function (x) { return x.kind !== 'spelling'; });
          if (spelling.length) {
            // a word typed with one character wrong (拼音输入的同音字): the corrected query, with what it finds
            var p = el('p');
            p.appendChild(document.createTextNode('您是不是要找：'));
            var fix = el('a', null, spelling[0].q);
            fix.href = pageUrl(Object.assign({}, s, { q: spelling[0].q, page: 0 }));
            p.appendChild(fix);
            p.appendChild(document.createTextNode('（' + spelling[0].total + '条）'));
            suggestion.appendChild(p);
          }
          if (shorter.length) {
            var p2 = el('p');
            p2.appendChild(document.createTextNode('去掉一个词后可以找到：'));
            shorter.forEach(function (x, i) {
              if (i) { p2.appendChild(document.createTextNode('；')); }
              var a = el('a', null, x.q.replace(/ /g, ''));
              a.href = pageUrl(Object.assign({}, s, { q: x.q, page: 0 }));
              p2.appendChild(a);
              p2.appendChild(document.createTextNode('（' + x.total + '条，去掉“' + x.without + '”）'));
            });
            suggestion.appendChild(p2);
          }
        }
        showState('', s.q ? '未找到与“' + s.q + '”相关的信息' : '没有符合条件的信息', ['可以试试：', tips],
          suggestion || (filtered(s) ? clearButton() : null));
      }
    }
    hits.forEach(function (h) { hitsEl.appendChild(renderHit(h)); });
    renderPager(s, total, size);
  }

  function problem(response) {
    return response.json().catch(function () { return {}; }).then(function (body) {
      var err = new Error(body && body.detail ? body.detail : '');
      err.status = response.status;
      throw err;
    });
  }

  function run(s, focusResults) {
    fillForm(s);
    Jianbao.foldFilters(document.getElementById('fold'), FIELDS.filter(function (f) {
      return f !== 'q' && f !== 'stage' && s[f];
    }).length);
    var mine = ++sequence;
    resultsEl.setAttribute('aria-busy', 'true');
    summaryEl.textContent = '正在检索……';
    document.title = (s.q ? '档案检索：' + s.q : '档案检索') + ' · 简报信息报送系统';

    var params = new URLSearchParams();
    FIELDS.forEach(function (f) { if (s[f]) { params.set(f, s[f]); } });
    // another page or order of the same query: the counts shown stay right, don't ask for them again
    var facetKey = params.toString();
    if (facetKey === shownFacets.key) { params.set('facets', 'false'); }
    params.set('sort', effectiveSort(s));
    params.set('page', String(s.page));
    params.set('size', String(SIZE));

    fetch('/api/search?' + params.toString(), {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' }
    }).catch(function () {
      var offline = new Error('');
      offline.offline = true;
      throw offline;
    }).then(function (response) {
      return response.ok ? response.json() : problem(response);
    }).then(function (data) {
      if (mine !== sequence) { return; }
      data = data || {};
      if (data.facets) {
        shownFacets = { key: facetKey, facets: data.facets };
      } else {
        data.facets = shownFacets.facets;
      }
      render(s, data);
    }).catch(function (err) {
      if (mine !== sequence) { return; }
      hitsEl.textContent = '';
      pagerEl.hidden = true;
      summaryEl.textContent = '';
      if (err.status === 400 && !s.q && !filtered(s)) {
        // the archive may not list without a query: just invite one
        showState('', '请输入关键词开始检索', ['在已刊发信息的标题和正文中检索，例如：线索摸排、宣传发动。']);
      } else if (err.offline) {
        showState('error', '检索失败', ['无法连接服务器，请检查网络后重试。']);
      } else if (err.status === 401) {
        showState('error', '检索失败', ['登录已过期，请刷新页面后重新登录。']);
      } else if (err.status) {
        showState('error', '检索失败', [err.message || ('服务器错误（' + err.status + '），请稍后重试。')]);
      } else {
        showState('error', '检索失败', ['页面显示出错，请刷新后重试。' + (err.message ? '（' + err.message + '）' : '')]);
      }
    }).then(function () {
      if (mine !== sequence) { return; }
      resultsEl.setAttribute('aria-busy', 'false');
      if (focusResults) {
        var heading = document.getElementById('result-heading');
        heading.focus({ preventScroll: true });
        heading.scrollIntoView({ block: 'nearest' });
      }
    });
  }

  // the 单位 filter lists every unit of the network, not only those in the current results
  // the office keeps the synonyms the search applies: a way there
  if (window.Jianbao && window.Jianbao.me) {
    window.Jianbao.me.then(function (me) {
      var roles = (me && me.roles) || [];
      if (['editor', 'signer', 'admin', 'auditor'].some(function (r) { return roles.indexOf(r) >= 0; })) {
        document.getElementById('synonyms-link').hidden = false;
      }
    });
  }
  if (window.Jianbao && window.Jianbao.meta) {
    window.Jianbao.meta.then(function (meta) {
      var current = unitSelect.value;
      ((meta && meta.units) || []).forEach(function (u) {
        unitNames[u.code] = u.name;
        ensureUnitOption(u.code);
      });
      unitSelect.value = current;
    }).catch(function () { /* the facets still fill it */ });
  }

  // --- events --------------------------------------------------------------------------

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var s = formState();
    if (s.from && s.to && s.from > s.to) {
      showState('error', '日期范围有误', ['起始日期不能晚于截止日期。']);
      return;
    }
    go(s, true);
  });
  ['unit', 'kind', 'series', 'from', 'to'].forEach(function (name) {
    form.elements[name].addEventListener('change', function () {
      var s = formState();
      if (s.from && s.to && s.from > s.to) {
        showState('error', '日期范围有误', ['起始日期不能晚于截止日期。']);
        return;
      }
      go(s, false);
    });
  });
  document.getElementById('clear').addEventListener('click', function () {
    go({ q: form.elements.q.value.trim(), unit: '', kind: '', series: '', from: '', to: '', sort: readState().sort, page: 0 }, false);
  });
  Array.prototype.forEach.call(document.querySelectorAll('.sort button'), function (b) {
    b.addEventListener('click', function () {
      var s = readState();
      if (effectiveSort(s) === b.getAttribute('data-sort')) { return; }
      s.sort = b.getAttribute('data-sort');
      s.page = 0;
      go(s, false);
    });
  });
  window.addEventListener('popstate', function () { run(readState(), false); });


  // the 单位 filter lists every unit, also those with nothing found yet (facets only name units with hits)
  fetch('/api/archive/units', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (r) { return r.ok ? r.json() : []; })
    .then(function (units) {
      var current = unitSelect.value;
      var order = units.map(function (u) {
        unitNames[u.code] = u.active ? u.name : u.name + '（已停用）';
        return u.code;
      });
      // in the directory's order, then any code only the results named
      while (unitSelect.options.length > 1) { unitSelect.remove(1); }
      order.concat(Object.keys(unitNames).filter(function (c) { return order.indexOf(c) < 0; }))
        .forEach(ensureUnitOption);
      ensureUnitOption(current);
      unitSelect.value = current;
    })
    .catch(function () { /* the facets still name the units found */ });

  var initial = readState();
  run(initial, false);
  if (!initial.q) { form.elements.q.focus(); }
})();
