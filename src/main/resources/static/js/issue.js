// issue.html
(function () {
  'use strict';

  var ISSUER = '扫黑办';
  var paper = document.getElementById('paper');

  var el = window.Jianbao.el; // js/jianbao.js, loaded before

  // 2026年11月23日, in China's time zone whatever the reader's clock says
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
      return d.getFullYear() + '年' + (d.getMonth() + 1) + '月' + d.getDate() + '日';
    }
  }

  function issueIdFromPath() {
    var m = /^\/issues\/([^\/?#]+)\/?$/.exec(window.location.pathname);
    return m ? decodeURIComponent(m[1]) : null;
  }

  function fail(detail) {
    paper.textContent = '';
    paper.removeAttribute('aria-busy');
    var box = el('div', 'failure');
    box.setAttribute('role', 'alert');
    box.appendChild(el('h1', null, '无法读取该期简报'));
    box.appendChild(el('p', null, detail));
    var back = el('p');
    var a = el('a', null, '返回首页');
    a.href = '/';
    back.appendChild(a);
    back.appendChild(document.createTextNode('　'));
    var s = el('a', null, '到档案检索中查找');
    s.href = '/archive';
    back.appendChild(s);
    box.appendChild(back);
    paper.appendChild(box);
    document.title = '无法读取该期简报 · 简报信息报送系统';
  }

  // body text: one paragraph per line; the page indents each paragraph itself
  function paragraphs(text) {
    return String(text || '').split(/\r\n|\r|\n/)
      .map(function (line) { return line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''); })
      .filter(function (line) { return line.length > 0; });
  }

  /** The same words, whatever the spaces and punctuation around them. */
  function same(a, b) {
    var norm = function (x) { return String(x || '').replace(/[\s\u3000，。、：:！!？?“”"'《》（）()·—-]/g, ''); };
    return !!a && !!b && norm(a) === norm(b);
  }

  function names(list) {
    return (list || []).map(function (x) { return x && (x.name || x.code); }).filter(Boolean).join('、');
  }

  function render(issue) {
    var draft = issue.status !== 'published';
    var items = (issue.items || []).slice().sort(function (a, b) { return (a.position || 0) - (b.position || 0); });
    var restricted = items.some(function (it) { return it.classification === 'restricted'; });
    var internal = items.some(function (it) { return it.classification === 'internal'; });
    var issuerName = issue.officeName || ISSUER;
    var headlines = items.map(function (it) { return it.headline || it.title || ''; });
    // 合报: an item merged into another's article is printed in it, under that headline
    var pieces = [];
    items.forEach(function (it) {
      if (it.mergedInto && items.some(function (x) { return x.submissionId === it.mergedInto; })) { return; }
      pieces.push([it].concat(items.filter(function (x) { return x.mergedInto === it.submissionId; })));
    });

    paper.textContent = '';
    paper.removeAttribute('aria-busy');

    // 报头
    var head = el('header', 'masthead');
    if (restricted || internal) {
      var mark = el('p', 'marking', restricted ? '限定范围' : '内部');
      mark.title = restricted ? '本期含限定范围的信息，严格限定发放范围，不得外传。' : '本期为内部资料，注意保存，不得外传。';
      head.appendChild(mark);
    }
    head.appendChild(el('h1', null, issue.seriesLabel || '简报'));
    head.appendChild(el('p', 'number', issue.numberLabel || (draft ? '（草稿，签发后编号）' : '')));
    var issuer = el('p', 'issuer');
    issuer.appendChild(el('span', null, issuerName));
    issuer.appendChild(el('span', null, issue.publishedAt ? fmtDate(issue.publishedAt) : (draft ? '（未签发）' : '')));
    head.appendChild(issuer);
    var rule = el('hr', 'red-rule');
    rule.setAttribute('aria-hidden', 'true');
    head.appendChild(rule);
    paper.appendChild(head);

    // the issue's title once: not again when it is its only article's headline
    if (issue.title && !(items.length === 1 && same(issue.title, headlines[0]))) {
      paper.appendChild(el('p', 'issue-title', issue.title));
    }

    // 编者按, as printed: before the articles
    Jianbao.lead(paper, issue.lead);

    // 要目 (a single article needs none)
    if (pieces.length > 1) {
      var nav = el('nav', 'headlines');
      nav.setAttribute('aria-label', '本期要目');
      var ul = el('ul');
      pieces.forEach(function (piece, i) {
        var it = piece[0];
        var li = el('li');
        var a = el('a', null, it.headline || it.title || '（无标题）');
        a.href = '#item-' + (i + 1);
        li.appendChild(a);
        ul.appendChild(li);
      });
      nav.appendChild(ul);
      paper.appendChild(nav);
    } else if (!items.length) {
      paper.appendChild(el('p', 'loading', '本期尚未编入信息。'));
    }

    // 正文
    pieces.forEach(function (piece, i) {
      var it = piece[0];
      var art = el('article', 'article');
      var h = el('h2', null, it.headline || it.title || '（无标题）');
      h.id = 'item-' + (i + 1);
      h.tabIndex = -1;
      art.setAttribute('aria-labelledby', h.id);
      art.appendChild(h);
      var unitName = it.unit && it.unit.name;
      // 署名: unit and author, without repeating the unit when the author already names it
      var by = unitName && it.author && it.author.indexOf(unitName) === 0 ? it.author
        : [unitName, it.author].filter(Boolean).join('　');
      if (piece.length > 1) {
        // a merged piece names every unit it was made from
        var units = [];
        piece.forEach(function (x) { if (x.unit && units.indexOf(x.unit.name) < 0) { units.push(x.unit.name); } });
        by = units.join('、');
      }
      if (by) { art.appendChild(el('p', 'byline', by)); }
      var body = el('div', 'body');
      var paras = [];
      piece.forEach(function (x) {
        var own = paragraphs(x.text);
        // a document's first line is often its title again: shown once, as the heading
        if (own.length && (same(own[0], x.headline) || same(own[0], x.title) || same(own[0], it.headline))) { own.shift(); }
        paras = paras.concat(own);
      });
      if (!paras.length) {
        body.appendChild(el('p', 'empty', '（无正文）'));
      }
      paras.forEach(function (line) { body.appendChild(el('p', null, line)); });
      art.appendChild(body);
      paper.appendChild(art);
    });

    // 报、送、发，印数
    var d = issue.distribution || {};
    var lines = [['报：', names(d.report)], ['送：', names(d.send)], ['发：', names(d.issue)]]
      .filter(function (x) { return x[1]; });
    var foot = el('footer', 'distribution');
    foot.setAttribute('aria-label', '发送范围和印数');
    var top = el('hr', 'rule');
    top.setAttribute('aria-hidden', 'true');
    foot.appendChild(top);
    if (lines.length) {
      var dl = el('dl');
      lines.forEach(function (x) {
        var line = el('div', 'line');
        line.appendChild(el('dt', null, x[0]));
        line.appendChild(el('dd', null, x[1]));
        dl.appendChild(line);
      });
      foot.appendChild(dl);
    } else {
      foot.appendChild(el('p', null, draft ? '（尚未确定报、送、发范围）' : ''));
    }
    var bottom = el('hr', 'rule');
    bottom.setAttribute('aria-hidden', 'true');
    foot.appendChild(bottom);
    var imprint = el('p', 'imprint');
    imprint.appendChild(el('span', null, issuerName));
    imprint.appendChild(el('span', null, issue.publishedAt ? fmtDate(issue.publishedAt) + '印发' : '（签发后印发）'));
    foot.appendChild(imprint);
    if (issue.printRun) {
      foot.appendChild(el('p', 'print-run', '（共印' + issue.printRun + '份）'));
    }
    paper.appendChild(foot);

    // 草稿
    document.getElementById('draft-banner').hidden = !draft;
    document.getElementById('watermark').hidden = !draft;
    var state = document.getElementById('state');
    state.textContent = draft ? (issue.statusLabel || '草稿') + '（未签发）' : (issue.statusLabel || '已刊发');
    state.hidden = false;

    // the printed forms, made at sign-off and kept as issued (the hash lets a reader check a copy)
    var downloads = document.getElementById('downloads');
    downloads.hidden = draft;
    if (!draft) {
      ['pdf', 'docx', 'ofd'].forEach(function (format) {
        var a = document.getElementById('dl-' + format);
        a.href = '/api/issues/' + encodeURIComponent(issue.id) + '/document?format=' + format;
        var stored = (issue.documents || []).filter(function (d) { return d.format === format; })[0];
        a.title = stored ? 'SHA-256：' + stored.sha256 : '首次下载时生成';
      });
    }

    document.title = [issue.seriesLabel || '简报', issue.numberLabel || (draft ? '草稿' : ''), issue.title]
      .filter(Boolean).join(' ') + ' · 简报信息报送系统';

    if (!draft) {
      Jianbao.me.then(function (me) {
        var roles = (me && me.roles) || [];
        // the auditor's reading is no receipt; anyone else's opening is (404 if it was not sent to them)
        var opened = roles.indexOf('auditor') >= 0 ? Promise.resolve()
          : Jianbao.api('POST', '/api/inbox/' + encodeURIComponent(issue.id) + '/read').catch(function () {});
        // the office and auditors see who has received and read it, this opening included
        if (['editor', 'signer', 'auditor', 'admin'].some(function (x) { return roles.indexOf(x) >= 0; })) {
          return opened.then(function () {
            return Jianbao.api('GET', '/api/issues/' + encodeURIComponent(issue.id) + '/receipts');
          }).then(renderReceipts);
        }
      }).catch(function () {});
    }

    // a link to one article (#item-2) lands on it once the content is there
    if (window.location.hash) {
      var target = document.getElementById(window.location.hash.substring(1));
      if (target) { target.scrollIntoView(); }
    }
  }

  function renderReceipts(receipts) {
    var box = document.getElementById('receipts');
    var rows = document.getElementById('receipt-rows');
    rows.textContent = '';
    var read = receipts.filter(function (r) { return r.readAt; }).length;
    document.getElementById('receipt-summary').textContent = receipts.length
      ? '共分送 ' + receipts.length + ' 处，已签收 ' + read + ' 处，未读 ' + (receipts.length - read) + ' 处。'
      : '本期没有报送、分送范围。';
    receipts.forEach(function (r) {
      var tr = el('tr', r.readAt ? '' : 'unread');
      [[r.listLabel, '分送'], [r.name + (r.kind === 'person' ? '' : '（单位）'), '收件人'],
        [Jianbao.time(r.deliveredAt), '送达'],
        [r.readAt ? Jianbao.time(r.readAt) + ' ' + (r.readByName || '') : (r.remindedAt ? '未读 · 已催阅' : '未读'), '签收']]
        .forEach(function (c) {
          var td = el('td', null, c[0]);
          td.setAttribute('data-label', c[1]);
          tr.appendChild(td);
        });
      rows.appendChild(tr);
    });
    box.hidden = false;
  }

  document.getElementById('print').addEventListener('click', function () { window.print(); });

  var id = issueIdFromPath();
  if (!id) {
    fail('网址中没有简报编号。');
    return;
  }
  fetch('/api/issues/' + encodeURIComponent(id), {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' }
  }).catch(function () {
    var offline = new Error('');
    offline.offline = true;
    throw offline;
  }).then(function (response) {
    if (!response.ok) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        var err = new Error(body && body.detail ? body.detail : '');
        err.status = response.status;
        throw err;
      });
    }
    return response.json();
  }).then(render).catch(function (err) {
    if (err.offline) {
      fail('无法连接服务器，请检查网络后重试。');
    } else if (err.status === 401) {
      fail('登录已过期，请刷新页面后重新登录。');
    } else if (err.status === 403 || err.status === 404 || err.status === 400) {
      fail(err.message || '该期简报不存在，或您无权查看。');
    } else if (err.status) {
      fail('服务器错误（' + err.status + '）' + (err.message ? '：' + err.message : '，请稍后重试。'));
    } else {
      fail('页面显示出错，请刷新后重试。' + (err.message ? '（' + err.message + '）' : ''));
    }
  });
})();
