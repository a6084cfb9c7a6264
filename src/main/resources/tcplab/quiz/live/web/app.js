/* TCP State Lab: the student's page of a live class quiz.
 * Plain ES5 so that old phones and WeChat's built-in browser run it; no library, nothing from the
 * internet. Everything shown comes from the server as text and is put in the page with
 * textContent, never as HTML: a classmate named "<img onerror=...>" is shown as those characters.
 * Server-sent events bring the page its state whenever it changes; it also asks on its own after
 * answering, after a reconnect and every few seconds, in case a proxy held an event back.
 */
(function () {
  'use strict';

  var T = {
    zh: {
      joinTitle: '加入课堂测验', nameLabel: '你的名字', codeLabel: '房间号(投影上的数字)', join: '加入',
      submit: '提交', standings: '排行榜', scoreLabel: '得分', other: 'English',
      lobby: '{name},你已加入。\n请等待老师出题。', received: '答案已收到,等待老师揭晓。',
      timeUp: '时间到,不能再作答了。', right: '答对了!', wrong: '答错了。', noAnswer: '这题你没有作答。',
      answerIs: '正确答案:{a}', why: '你的选择:{w}', question: '第 {n} 题', seconds: '{s} 秒',
      counts: '全班 {n} 人作答,{r} 人答对。', ended: '本次课堂测验已结束。\n你的得分:{s}',
      removed: '老师已将你移出课堂。可以用新名字重新加入。', offline: '连接中断,正在重新连接……',
      typedPlaceholder: '输入答案', sending: '正在提交……',
      errors: {
        bad_code: '房间号不对,请看投影上的数字。', bad_name: '请输入名字(最多 24 个字)。',
        name_taken: '这个名字已经有人用了,请换一个(比如加上学号)。', room_full: '课堂人数已满。',
        ended: '本次课堂测验已经结束。', too_many_requests: '操作太频繁,请稍等一秒再试。',
        already_answered: '你已经答过这题了。', no_question: '现在没有开放的题目。',
        time_up: '时间到,不能再作答了。', wrong_question: '题目已经换了,请看新题。',
        bad_answer: '请先选择或输入答案。', not_joined: '请先加入课堂。', network: '网络连接失败,请检查 Wi-Fi 后重试。',
        bad_request: '请求无效,请刷新页面。', too_large: '答案太长了。', server_error: '老师的电脑出错了,请稍后再试。'
      }
    },
    en: {
      joinTitle: 'Join the class quiz', nameLabel: 'Your name', codeLabel: 'Room code (the number on the projector)',
      join: 'Join', submit: 'Submit', standings: 'Leaderboard', scoreLabel: 'Score', other: '中文',
      lobby: "You're in, {name}.\nWait for the teacher's question.", received: 'Answer received. Wait for the reveal.',
      timeUp: "Time's up: answers are closed.", right: 'Right!', wrong: 'Not this time.',
      noAnswer: "You didn't answer this one.", answerIs: 'The answer: {a}', why: 'Your choice: {w}',
      question: 'Question {n}', seconds: '{s} s', counts: '{n} answered, {r} right.',
      ended: 'The class quiz has ended.\nYour score: {s}', removed: 'The teacher removed you. You can join again with a new name.',
      offline: 'Connection lost, reconnecting…', typedPlaceholder: 'Type your answer', sending: 'Sending…',
      errors: {
        bad_code: 'Wrong room code: look at the number on the projector.', bad_name: 'Enter a name (up to 24 characters).',
        name_taken: 'Someone already has that name: pick another (add your initial).', room_full: 'The class is full.',
        ended: 'The class quiz has ended.', too_many_requests: 'Too fast: wait a second and try again.',
        already_answered: 'You have answered this one.', no_question: 'No question is open now.',
        time_up: "Time's up: answers are closed.", wrong_question: 'The question has changed: look at the new one.',
        bad_answer: 'Choose or type an answer first.', not_joined: 'Join the class first.',
        network: 'No connection: check the Wi-Fi and try again.', bad_request: 'Bad request: reload the page.',
        too_large: 'That answer is too long.', server_error: "The teacher's computer had a problem: try again soon."
      }
    }
  };

  var lang = pickLang();
  var state = null;          // the last state from the server
  var shownQuestion = 0;     // the question the options were built for
  var events = null;
  var fetching = false, again = false;
  var deadline = 0;          // when the open question closes, in this page's clock
  var wasJoined = false;
  var pollTimer = null;

  function $(id) { return document.getElementById(id); }

  function pickLang() {
    try {
      var saved = window.localStorage && localStorage.getItem('tcplab.lang');
      if (saved === 'zh' || saved === 'en') { return saved; }
    } catch (e) { /* private mode */ }
    var langs = navigator.languages || [navigator.language || navigator.userLanguage || 'en'];
    for (var i = 0; i < langs.length; i++) {
      var l = String(langs[i]).toLowerCase();
      if (l.indexOf('zh') === 0) { return 'zh'; }
      if (l.indexOf('en') === 0) { return 'en'; }
    }
    return 'en';
  }

  function t(key, args) {
    var s = T[lang][key];
    if (s === undefined) { s = key; }
    if (args) {
      for (var k in args) {
        if (Object.prototype.hasOwnProperty.call(args, k)) { s = s.split('{' + k + '}').join(String(args[k])); }
      }
    }
    return s;
  }

  function errorText(code) {
    return T[lang].errors[code] || T[lang].errors.server_error;
  }

  function setText(el, s) { el.textContent = s; }

  function show(id, on) { $(id).hidden = !on; }

  function applyLang() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    var els = document.querySelectorAll('[data-t]');
    for (var i = 0; i < els.length; i++) { setText(els[i], t(els[i].getAttribute('data-t'))); }
    setText($('lang'), t('other'));
    $('answer').setAttribute('placeholder', t('typedPlaceholder'));
  }

  // ------------------------------------------------------------------ talking to the server

  function request(method, url, body, done) {
    var x = new XMLHttpRequest();
    x.open(method, url, true);
    x.timeout = 10000;
    if (body !== null) { x.setRequestHeader('Content-Type', 'application/json'); }
    x.onload = function () {
      var data = null;
      try { data = JSON.parse(x.responseText); } catch (e) { data = null; }
      done(x.status, data);
    };
    x.onerror = x.ontimeout = function () { done(0, null); };
    x.send(body === null ? null : JSON.stringify(body));
  }

  function refresh() {
    if (fetching) { again = true; return; }
    fetching = true;
    request('GET', 'api/state?lang=' + lang, null, function (status, data) {
      fetching = false;
      if (status === 200 && data) {
        setText($('status'), state && state.offline ? '' : $('status').textContent);
        render(data);
      } else if (status === 0) {
        setOffline(true);
      }
      if (again) { again = false; refresh(); }
    });
  }

  function listen() {
    if (events || !window.EventSource) {
      if (!window.EventSource && !pollTimer) { pollTimer = setInterval(refresh, 3000); }
      return;
    }
    events = new EventSource('api/events');
    events.onmessage = function (e) {
      setOffline(false);
      // The event carries this student's view (in the language the page last asked for).
      var data = null;
      try { data = JSON.parse(e.data); } catch (err) { data = null; }
      if (data && typeof data === 'object' && data.joined !== undefined) {
        if (!state || data.v >= state.v || !data.joined) { render(data); }
      } else {
        refresh();
      }
    };
    events.onerror = function () {
      // The server ends each stream after a while and the browser reconnects at once; only a
      // connection that stays away is worth telling the student about. Meanwhile ask for the state,
      // which also tells us when the teacher removed us (the stream is refused then).
      if (events && events.readyState === 2) { events = null; setTimeout(function () { if (wasJoined) { listen(); } }, 2000); }
      setTimeout(function () { if (!events || events.readyState !== 1) { setOffline(true); } }, 3000);
      setTimeout(refresh, 1000);
    };
    events.onopen = function () { setOffline(false); };
  }

  function setOffline(on) {
    var el = $('me');
    if (on) { el.setAttribute('data-offline', '1'); setText($('status'), t('offline')); }
    else if (el.getAttribute('data-offline')) { el.removeAttribute('data-offline'); setText($('status'), ''); }
  }

  // ------------------------------------------------------------------ drawing the state

  function render(s) {
    var prev = state;
    state = s;
    if (!s.joined) {
      if (wasJoined) { setText($('joinError'), t('removed')); }
      wasJoined = false;
      if (events) { events.close(); events = null; }
      showOnly('joinView');
      setText($('me'), '');
      return;
    }
    wasJoined = true;
    listen();
    setText($('me'), s.name);
    setText($('score'), String(s.score));
    if (s.phase === 'lobby') {
      showOnly('waitView');
      setText($('waitText'), t('lobby', { name: s.name }));
    } else if (s.phase === 'ended') {
      showOnly('waitView');
      setText($('waitText'), t('ended', { s: s.score }));
    } else if (s.question) {
      showOnly('questionView');
      drawQuestion(s, prev);
    }
    drawStandings(s.standings);
  }

  function showOnly(id) {
    var views = ['joinView', 'waitView', 'questionView'];
    for (var i = 0; i < views.length; i++) { show(views[i], views[i] === id); }
  }

  /** A prompt as text, its netstat tables (lines with runs of spaces) kept in columns. */
  function drawPrompt(el, text) {
    el.textContent = '';
    var lines = String(text).split('\n');
    var para = [], table = [];
    function flush() {
      if (para.length) { el.appendChild(document.createTextNode(para.join('\n') + '\n')); para = []; }
      if (table.length) { var pre = document.createElement('pre'); pre.textContent = table.join('\n'); el.appendChild(pre); table = []; }
    }
    for (var i = 0; i < lines.length; i++) {
      var tableLike = /\S {2,}\S/.test(lines[i]) || /^\s{2,}\S/.test(lines[i]);
      if (tableLike) { if (para.length) { flush(); } table.push(lines[i]); }
      else { if (table.length) { flush(); } para.push(lines[i]); }
    }
    flush();
  }

  function drawQuestion(s, prev) {
    var q = s.question;
    setText($('qnum'), t('question', { n: q.n }));
    var fresh = shownQuestion !== q.n || !prev || prev.phase !== s.phase;
    if (shownQuestion !== q.n) {
      shownQuestion = q.n;
      $('answer').value = '';
      setText($('status'), '');
    }
    drawPrompt($('prompt'), q.prompt);
    var box = $('options');
    box.textContent = '';
    var mine = s.mine ? s.mine.option : -1;
    var closed = s.phase !== 'open' || !!s.mine || q.remainingMs === 0;
    for (var i = 0; i < q.options.length; i++) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'option';
      b.setAttribute('data-index', String(i));
      var letter = document.createElement('span');
      letter.className = 'letter';
      letter.textContent = String.fromCharCode(65 + i) + '.';
      var text = document.createElement('span');
      text.className = 'text';
      text.textContent = q.options[i];
      b.appendChild(letter);
      b.appendChild(text);
      if (i === mine) { b.className += ' chosen'; }
      if (s.reveal) {
        if (i === s.reveal.answerIndex) { b.className += ' right'; }
        else if (i === mine) { b.className += ' wrong'; }
        var c = document.createElement('span');
        c.className = 'count';
        c.textContent = String(s.reveal.counts[i] || 0);
        b.appendChild(c);
      }
      b.disabled = closed;
      b.onclick = choose;
      box.appendChild(b);
    }
    show('typed', q.typed);
    $('answer').disabled = closed;
    $('submit').disabled = closed;
    if (q.typed && s.mine) { $('answer').value = s.mine.text; }
    deadline = q.remainingMs > 0 ? Date.now() + q.remainingMs : (q.remainingMs === 0 ? -1 : 0);
    tick();
    if (s.phase === 'open') {
      if (s.mine) { setText($('status'), t('received')); }
      else if (q.remainingMs === 0) { setText($('status'), t('timeUp')); }
    } else {
      setText($('status'), '');
    }
    drawResult(s);
    if (fresh) { window.scrollTo(0, 0); }
  }

  function drawResult(s) {
    var r = $('result');
    r.textContent = '';
    if (!s.reveal) { r.hidden = true; r.className = ''; return; }
    r.hidden = false;
    var right = s.reveal.right === true;
    r.className = s.mine ? (right ? 'right' : 'wrong') : 'wrong';
    var v = document.createElement('div');
    v.className = 'verdict';
    v.textContent = s.mine ? (right ? t('right') : t('wrong')) : t('noAnswer');
    r.appendChild(v);
    para(r, t('answerIs', { a: s.reveal.answer }));
    if (s.reveal.why) { para(r, t('why', { w: s.reveal.why })); }
    if (s.reveal.explanation) { para(r, s.reveal.explanation); }
    para(r, t('counts', { n: s.reveal.answered, r: s.reveal.rightCount }));
  }

  function para(parent, text) {
    var p = document.createElement('p');
    p.textContent = text;
    parent.appendChild(p);
  }

  function drawStandings(list) {
    var ol = $('standings');
    ol.textContent = '';
    if (!list || !list.length) { show('standingsView', false); return; }
    show('standingsView', true);
    for (var i = 0; i < list.length; i++) {
      var li = document.createElement('li');
      li.value = list[i].rank;
      li.textContent = list[i].name + ' · ' + list[i].score;
      if (list[i].me) { li.className = 'me'; }
      ol.appendChild(li);
    }
  }

  function tick() {
    var el = $('countdown');
    if (!state || !state.question || state.phase !== 'open' || deadline === 0) { setText(el, ''); return; }
    var left = deadline < 0 ? 0 : Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    setText(el, t('seconds', { s: left }));
    el.className = left <= 5 ? 'countdown low' : 'countdown';
    if (left === 0 && !state.mine) {
      var bs = document.querySelectorAll('button.option');
      for (var i = 0; i < bs.length; i++) { bs[i].disabled = true; }
      $('submit').disabled = true;
      $('answer').disabled = true;
      setText($('status'), t('timeUp'));
    }
  }

  // ------------------------------------------------------------------ answering

  function choose(e) {
    var b = e.currentTarget;
    send(b.getAttribute('data-index'));
  }

  function send(answer) {
    if (!state || !state.question) { return; }
    var bs = document.querySelectorAll('button.option');
    for (var i = 0; i < bs.length; i++) { bs[i].disabled = true; }
    $('submit').disabled = true;
    setText($('status'), t('sending'));
    request('POST', 'api/answer', { n: String(state.question.n), answer: String(answer) }, function (status, data) {
      if (status === 200) {
        setText($('status'), t('received'));
      } else {
        setText($('status'), status === 0 ? errorText('network') : errorText(data && data.error));
      }
      refresh();
    });
  }

  function join(e) {
    e.preventDefault();
    var name = $('name').value, code = $('code').value;
    $('join').disabled = true;
    setText($('joinError'), '');
    request('POST', 'api/join', { name: name, code: code, lang: lang }, function (status, data) {
      $('join').disabled = false;
      if (status === 200) {
        refresh();
      } else {
        setText($('joinError'), status === 0 ? errorText('network') : errorText(data && data.error));
      }
    });
  }

  function init() {
    applyLang();
    var m = /[?&]code=([0-9]{1,8})/.exec(window.location.search);
    if (m) { $('code').value = m[1]; }
    $('joinForm').onsubmit = join;
    $('submit').onclick = function () {
      var v = $('answer').value;
      if (!v || !v.replace(/\s+/g, '')) { setText($('status'), errorText('bad_answer')); return; }
      send(v);
    };
    $('answer').onkeydown = function (e) { if (e.key === 'Enter' || e.keyCode === 13) { $('submit').onclick(); } };
    $('lang').onclick = function () {
      lang = lang === 'zh' ? 'en' : 'zh';
      try { localStorage.setItem('tcplab.lang', lang); } catch (err) { /* private mode */ }
      applyLang();
      refresh();
    };
    // A phone that wakes up or comes back to the page asks at once where the class is.
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden) { refresh(); if (wasJoined && !events) { listen(); } }
    });
    window.addEventListener('online', refresh);
    setInterval(tick, 250);
    // Events can be lost by proxies that buffer; a slow poll is the safety net.
    setInterval(function () { if (wasJoined) { refresh(); } }, 10000);
    refresh();
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
}());
