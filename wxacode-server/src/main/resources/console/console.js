'use strict';
// The console's script. After sign-in it calls the server's own admin API: the browser sends the
// HttpOnly session cookie, and every request that changes something also carries the session's
// CSRF token in X-CSRF-Token. Pages are sections of one document, chosen by the URL's #fragment.
// Everything shown is set as text (never as HTML), so nothing a caller sent can run here.
(() => {
  const base = document.body.dataset.base;
  const $ = (id) => document.getElementById(id);
  const PAGES = ['apps', 'playground', 'scan', 'log', 'faults'];
  const ENVS = ['release', 'trial', 'develop'];
  const FOLLOW_EVERY_MS = 2000;
  const state = { csrf: null, apps: [], appid: null, codeUrl: null, codeLink: null, scanUrl: null, styleUrl: null, logAfter: 0,
    follow: null, stream: null };

  class ApiError extends Error {
    constructor(json, status) {
      super(describe(json));
      this.json = json;
      this.status = status;
    }
  }

  function describe(json) {
    return json && typeof json.errcode === 'number' ? `errcode ${json.errcode}: ${json.errmsg}` : 'unexpected answer from the server';
  }

  /** A request to this server; a JSON body, or a file as it is; the CSRF token on all but GET. */
  async function request(method, path, body) {
    const headers = {};
    if (method !== 'GET' && state.csrf) {
      headers['X-CSRF-Token'] = state.csrf;
    }
    const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
    if (body instanceof Blob) {
      headers['Content-Type'] = body.type || 'application/octet-stream';
      init.body = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(base + path, init);
    if (response.status === 401 && state.csrf) {
      signedOut('Your session has ended: sign in again.');
    }
    return response;
  }

  /**
   * A JSON call of the admin API; an ApiError for a refusal: {errcode, errmsg}. (A fault rule has an
   * errcode too, but no errmsg.)
   */
  async function api(method, path, body) {
    const response = await request(method, path, body);
    const json = await response.json().catch(() => null);
    if (!response.ok || json === null || (json.errcode && typeof json.errmsg === 'string')) {
      throw new ApiError(json, response.status);
    }
    return json;
  }

  const appPath = (rest) => `/admin/apps/${encodeURIComponent(state.appid)}${rest}`;

  /**
   * A code the admin API draws, kept as an object URL in state[slot] (the one before released); an
   * ApiError, with the box resultId hidden, for a refusal.
   */
  async function drawnCode(path, body, slot, resultId) {
    const response = await request('POST', path, body);
    const type = response.headers.get('Content-Type') || '';
    if (!type.startsWith('image/')) {
      $(resultId).hidden = true;
      throw new ApiError(await response.json().catch(() => null), response.status);
    }
    const image = await response.blob();
    if (state[slot]) {
      URL.revokeObjectURL(state[slot]);
    }
    state[slot] = URL.createObjectURL(image);
    return {
      url: state[slot], type, size: image.size, link: response.headers.get('X-Wxacode-Link'),
      warnings: JSON.parse(response.headers.get('X-Wxacode-Warnings') || '[]'),
    };
  }

  /** A warning of the request log ({code, message}) as the console shows one. */
  const warningLine = (warning) => el('div', { class: 'warning' }, el('code', { text: warning.code }), ' ', warning.message);

  /** An element with properties (class, text, on…, attributes) and children (nodes or strings, as text). */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === 'class') {
        node.className = value;
      } else if (key === 'text') {
        node.textContent = value;
      } else if (key.startsWith('on')) {
        node.addEventListener(key.slice(2), value);
      } else {
        node.setAttribute(key, value);
      }
    }
    node.append(...children.filter((child) => child !== null && child !== undefined));
    return node;
  }

  function showError(id, error) {
    const node = $(id);
    node.textContent = error ? error.message : '';
    node.hidden = !error;
  }

  function notify(text) {
    $('notice').textContent = text;
    $('notice').hidden = !text;
  }

  /** Runs an action, showing its failure in the element named (or the notice). */
  function guarded(errorId, action) {
    return async (event) => {
      if (event && event.preventDefault) {
        event.preventDefault();
      }
      if (errorId) {
        showError(errorId, null);
      }
      try {
        await action(event);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          return;
        }
        if (errorId) {
          showError(errorId, error);
        } else {
          notify(error.message);
        }
      }
    };
  }

  // ---- Sign-in ----------------------------------------------------------------------------

  function signedOut(message) {
    state.csrf = null;
    stopFollow();
    stopCamera();
    $('nav').hidden = true;
    $('session').hidden = true;
    notify('');
    PAGES.forEach((page) => { $('page-' + page).hidden = true; });
    $('page-signin').hidden = false;
    showError('signin-error', message ? new Error(message) : null);
    $('signin-key').focus();
  }

  async function signedIn(session) {
    state.csrf = session.csrf_token;
    $('page-signin').hidden = true;
    $('nav').hidden = false;
    $('session').hidden = false;
    await loadApps();
    route();
  }

  $('signin-form').addEventListener('submit', guarded('signin-error', async () => {
    const response = await request('POST', '/console/session', { key: $('signin-key').value });
    const json = await response.json();
    if (!response.ok) {
      throw new Error(response.status === 401 ? 'Wrong admin key: no session was opened.' : describe(json));
    }
    $('signin-key').value = '';
    await signedIn(json);
  }));

  $('sign-out').addEventListener('click', guarded(null, async () => {
    await api('DELETE', '/console/session');
    signedOut('Signed out.');
  }));

  // ---- Pages ------------------------------------------------------------------------------

  const loaders = {};

  function route() {
    if (!state.csrf) {
      return;
    }
    const name = PAGES.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'apps';
    stopFollow();
    notify('');
    PAGES.forEach((page) => { $('page-' + page).hidden = page !== name; });
    document.querySelectorAll('#nav a').forEach((link) => link.classList.toggle('current', link.hash === '#' + name));
    guarded(null, loaders[name])();
  }

  window.addEventListener('hashchange', route);

  // ---- Apps and releases -------------------------------------------------------------------

  async function loadApps() {
    state.apps = (await api('GET', '/admin/apps')).apps;
    if (!state.apps.some((app) => app.appid === state.appid)) {
      state.appid = state.apps.length ? state.apps[0].appid : null;
    }
    $('app-select').replaceChildren(...state.apps.map((app) => el('option', { value: app.appid, text: `${app.name} (${app.appid})` })));
    $('app-select').value = state.appid || '';
    document.querySelectorAll('.current-app').forEach((node) => { node.textContent = state.appid || '(no app)'; });
  }

  $('app-select').addEventListener('change', () => {
    state.appid = $('app-select').value;
    route();
  });

  loaders.apps = async () => {
    await loadApps();
    $('apps-list').replaceChildren(...state.apps.map((app) => el('li', { class: app.appid === state.appid ? 'selected' : '' },
      el('div', { class: 'head' }, el('code', { text: app.appid }), el('strong', { text: app.name }),
        el('span', { class: 'meta', text: [app.type, app.disabled ? 'disabled' : '', app.demo ? 'demo' : ''].filter(Boolean).join(' · ') })),
      el('div', { class: 'actions' }, app.appid === state.appid ? el('span', { class: 'meta', text: 'selected' })
        : el('button', { type: 'button', class: 'small quiet', text: 'Select', onclick: () => { state.appid = app.appid; route(); } })))));
    await loadReleases();
    await loadStyle();
  };

  async function loadReleases() {
    if (!state.appid) {
      $('releases').replaceChildren(el('p', { text: 'No app yet: create one above.' }));
      return;
    }
    const releases = (await api('GET', appPath('/releases'))).releases;
    $('releases').replaceChildren(...ENVS.map((env) => {
      const release = releases[env];
      return el('div', { id: 'release-' + env }, el('strong', { text: env }),
        release ? el('ol', {}, ...release.pages.map((page) => el('li', {}, el('code', { text: page }))))
          : el('p', { class: 'meta', text: 'not published' }),
        release ? el('p', { class: 'meta', text: 'published ' + release.published_at }) : null);
    }));
  }

  function showSecret(title, appid, secret) {
    $('secret-title').textContent = title;
    $('secret-appid').textContent = 'appid  ' + appid;
    $('secret-value').textContent = 'secret ' + secret;
    $('secret-box').hidden = false;
  }

  $('app-form').addEventListener('submit', guarded(null, async () => {
    const body = { name: $('app-name').value, type: $('app-type').value };
    if ($('app-appid').value.trim()) {
      body.appid = $('app-appid').value.trim();
    }
    const created = await api('POST', '/admin/apps', body);
    $('app-form').reset();
    state.appid = created.appid;
    await loaders.apps();
    showSecret(`App ${created.name} created.`, created.appid, created.secret);
  }));

  $('publish-form').addEventListener('submit', guarded(null, async () => {
    const env = $('publish-env').value;
    const pages = $('publish-pages').value.split('\n').map((line) => line.trim()).filter(Boolean);
    await api('PUT', appPath('/releases/' + env), { pages });
    await loadReleases();
    notify(`Published ${pages.length} page${pages.length === 1 ? '' : 's'} to the ${env} build of ${state.appid}.`);
  }));

  $('rotate').addEventListener('click', () => {
    $('rotate').hidden = true;
    $('rotate-confirm').hidden = false;
  });

  $('rotate-confirm').addEventListener('click', guarded(null, async () => {
    $('rotate-confirm').hidden = true;
    $('rotate').hidden = false;
    const rotated = await api('POST', appPath('/secret'));
    showSecret('New secret.', rotated.appid, rotated.secret);
  }));

  // ---- Code style -------------------------------------------------------------------------

  const PLAIN_STYLE = { modules: 'square', finders: 'square', frame: 'none', logo: false, logo_size: 0.2, finder_color: null,
    frame_color: null };

  /** The style form as the admin API takes it. */
  function styleBody() {
    return {
      modules: $('style-modules').value,
      finders: $('style-finders').value,
      frame: $('style-frame').value,
      logo: $('style-logo').checked,
      logo_size: Number($('style-logo-size').value),
      finder_color: $('style-finder-own').checked ? $('style-finder-color').value : null,
      frame_color: $('style-frame-own').checked ? $('style-frame-color').value : null,
    };
  }

  function showStyle(style) {
    const shown = style || PLAIN_STYLE;
    $('style-modules').value = shown.modules;
    $('style-finders').value = shown.finders;
    $('style-frame').value = shown.frame;
    $('style-logo').checked = shown.logo;
    $('style-logo-size').value = shown.logo_size;
    for (const [part, colour] of [['finder', shown.finder_color], ['frame', shown.frame_color]]) {
      $(`style-${part}-own`).checked = colour !== null;
      if (colour !== null) {
        $(`style-${part}-color`).value = colour.toLowerCase();
      }
    }
  }

  /** A code of the app as it is drawn now: the playground's getwxacodeunlimit, at the default width. */
  async function previewStyle(style) {
    $('style-image').src = (await drawnCode(appPath('/codes'), { scene: 'style', check_path: false }, 'styleUrl', 'style-preview')).url;
    $('style-caption').textContent = style ? [`${style.modules} modules`, `${style.finders} finders`,
      style.frame === 'round' ? 'round frame' : '', style.logo ? `logo ${style.logo_size}` : ''].filter(Boolean).join(' · ')
      : 'plain';
    $('style-preview').hidden = false;
  }

  async function loadStyle() {
    showError('style-error', null);
    $('style-preview').hidden = true;
    const app = state.apps.find((candidate) => candidate.appid === state.appid);
    if (!app) {
      return;
    }
    const style = (await api('GET', appPath('/style'))).style;
    showStyle(style);
    if (app.type !== 'official_account') {
      await previewStyle(style);
    }
  }

  $('style-form').addEventListener('submit', guarded('style-error', async () => {
    const style = (await api('PUT', appPath('/style'), styleBody())).style;
    showStyle(style);
    await previewStyle(style);
    notify(`Style saved: the codes of ${state.appid} are drawn in it from now on.`);
  }));

  $('style-clear').addEventListener('click', guarded('style-error', async () => {
    await api('DELETE', appPath('/style'));
    showStyle(null);
    await previewStyle(null);
    notify(`The codes of ${state.appid} are plain again.`);
  }));

  $('logo-form').addEventListener('submit', guarded('style-error', async () => {
    await api('PUT', appPath('/logo'), $('logo-file').files[0]);
    $('logo-form').reset();
    await loadStyle();
    notify(`Logo of ${state.appid} uploaded.`);
  }));

  // ---- Code playground ---------------------------------------------------------------------

  const number = (id) => ($(id).value.trim() === '' ? undefined : Number($(id).value));

  /** The code API the form is set to: getwxacodeunlimit, getwxacode or createwxaqrcode. */
  const codeApi = () => $('code-api').value;

  /** Shows the fields of the chosen API only. */
  function showCodeFields() {
    document.querySelectorAll('#code-form [data-api]').forEach((field) => {
      field.hidden = !field.dataset.api.split(' ').includes(codeApi());
    });
  }

  /** The body the form describes for its API, as the curl line shows it. */
  function codeBody() {
    const api = codeApi();
    if (api === 'createwxaqrcode') {
      return { path: $('code-path').value, width: number('code-width') };
    }
    const body = api === 'getwxacode' ? { path: $('code-path').value } : { scene: $('code-scene').value };
    if (api === 'getwxacodeunlimit') {
      if ($('code-page').value.trim()) {
        body.page = $('code-page').value.trim();
      }
      body.check_path = $('code-check-path').checked;
    }
    body.env_version = $('code-env').value;
    body.width = number('code-width');
    body.auto_color = $('code-auto-color').checked;
    body.line_color = { r: number('code-r'), g: number('code-g'), b: number('code-b') };
    body.is_hyaline = $('code-hyaline').checked;
    return body;
  }

  const WECHAT_PATHS = {
    getwxacodeunlimit: '/wxa/getwxacodeunlimit',
    getwxacode: '/wxa/getwxacode',
    createwxaqrcode: '/cgi-bin/wxaapp/createwxaqrcode',
  };

  /** The token call, then the code call, as a backend would make them; the secret stays a placeholder. */
  function showCurl() {
    showCodeFields();
    const server = location.origin + base;
    const body = JSON.stringify(codeBody()).replaceAll("'", "'\\''");
    const png = codeApi() !== 'createwxaqrcode' && $('code-hyaline').checked;
    $('code-curl').textContent = [
      `TOKEN=$(curl -s '${server}/cgi-bin/token?grant_type=client_credential&appid=${state.appid || '<appid>'}&secret=<secret>' \\`,
      `  | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')`,
      `curl -s "${server}${WECHAT_PATHS[codeApi()]}?access_token=$TOKEN" \\`,
      `  -d '${body}' -o code.${png ? 'png' : 'jpg'}`,
    ].join('\n');
  }

  /** The shown code's print forms: its link's SVG and PDF, at the form's width and the size asked. */
  function showPrintLinks() {
    if (!state.codeLink) {
      return;
    }
    const token = state.codeLink.slice(state.codeLink.lastIndexOf('/') + 1);
    const query = `?width=${encodeURIComponent(number('code-width') || 430)}&size=${encodeURIComponent($('code-print-size').value.trim())}`;
    for (const format of ['svg', 'pdf']) {
      $('code-' + format).href = `${base}/L/${token}/code.${format}${query}`;
      $('code-' + format).download = `${state.appid}-code.${format}`;
    }
  }

  $('code-print-size').addEventListener('input', showPrintLinks);

  loaders.playground = async () => showCurl();
  $('code-form').addEventListener('input', showCurl);
  $('code-form').addEventListener('change', showCurl);
  // The image shown is the last call's: another API's form is not its form.
  $('code-api').addEventListener('change', () => { $('code-result').hidden = true; });

  $('code-form').addEventListener('submit', guarded('code-error', async () => {
    const api = codeApi();
    const code = await drawnCode(appPath(api === 'getwxacodeunlimit' ? '/codes' : '/codes/' + api), codeBody(), 'codeUrl',
      'code-result');
    $('code-image').src = code.url;
    $('code-download').href = code.url;
    $('code-download').download = `${state.appid}-code.${code.type === 'image/png' ? 'png' : 'jpg'}`;
    $('code-size').textContent = `${code.type}, ${code.size} bytes`;
    // What the request log would warn a backend of for the same call (a light line_color, say).
    $('code-warnings').replaceChildren(...code.warnings.map(warningLine));
    state.codeLink = code.link;
    showPrintLinks();
    $('code-result').hidden = false;
  }));

  // ---- Link playground ---------------------------------------------------------------------

  /** The body of the link API the form is set to. */
  function linkBody() {
    const api = $('link-api').value;
    if (api === 'genwxashortlink') {
      const body = { page_url: $('link-page-url').value, is_permanent: $('link-permanent').checked };
      if ($('link-title').value) {
        body.page_title = $('link-title').value;
      }
      return body;
    }
    const target = { path: $('link-path').value.trim(), query: $('link-query').value, env_version: $('link-env').value };
    const expiry = { expire_type: 1, expire_interval: number('link-days') };
    return api === 'generatescheme' ? { jump_wxa: target, ...expiry } : { ...target, ...expiry };
  }

  $('link-form').addEventListener('change', () => {
    document.querySelectorAll('#link-form [data-link-api]').forEach((field) => {
      field.hidden = !field.dataset.linkApi.split(' ').includes($('link-api').value);
    });
  });

  $('link-form').addEventListener('submit', guarded('link-error', async () => {
    $('link-result').hidden = true;
    const json = await api('POST', appPath('/links/' + $('link-api').value), linkBody());
    $('link-text').textContent = json.openlink || json.url_link || json.link;
    $('link-result').hidden = false;
  }));

  $('link-open').addEventListener('click', () => {
    $('open-link').value = $('link-text').textContent;
    location.hash = '#scan';
    $('open-form').requestSubmit();
  });

  // ---- Scan simulator ----------------------------------------------------------------------

  loaders.scan = async () => {};

  /** Uploads an image to /wxa/scan, as anyone may, and shows what the mini program's page receives. */
  async function scan(image) {
    showError('scan-error', null);
    if (state.scanUrl) {
      URL.revokeObjectURL(state.scanUrl);
    }
    state.scanUrl = URL.createObjectURL(image);
    $('scan-image').src = state.scanUrl;
    const response = await fetch(base + '/wxa/scan', {
      method: 'POST', body: image, headers: { 'Content-Type': image.type || 'application/octet-stream' },
    });
    await show(response, true);
  }

  const SCENES = {
    1047: 'a mini-program code scanned', 1011: 'a QR code scanned', 1065: 'a URL Scheme opened', 1194: 'a URL Link opened',
  };

  /** What a scan or an opened link tells, as the page shows it; the image row only for a scan. */
  async function show(response, scanned) {
    $('scan-image').hidden = !scanned;
    const json = await response.json().catch(() => null);
    if (!json || json.errcode !== 0) {
      $('scan-result').hidden = true;
      throw new ApiError(json, response.status);
    }
    $('scan-appid').textContent = json.appid;
    $('scan-env').textContent = json.env_version;
    $('scan-page').textContent = json.page;
    $('scan-query').textContent = JSON.stringify(json.query, null, 2);
    // What the page's own code gets from the scene: computed here, by the browser's decodeURIComponent.
    // A getwxacode or createwxaqrcode code has no scene: its page receives its path's query as it is.
    const hasScene = json.query.scene !== undefined;
    document.querySelectorAll('.scan-scene-only').forEach((row) => { row.hidden = !hasScene; });
    $('scan-decoded').textContent = hasScene ? decodeURIComponent(json.query.scene) : '';
    $('scan-scene-value').textContent = String(json.scene);
    $('scan-scene-kind').textContent = SCENES[json.scene] || 'another entry';
    $('scan-result').hidden = false;
  }

  /** The ticket of a URL Scheme (weixin://dl/business/?t=…) or URL Link (…/L/…), as the server reads it. */
  function ticketOf(link) {
    const scheme = link.match(/^weixin:\/\/dl\/business\/\?t=([A-Za-z0-9]+)/);
    const url = link.match(/\/L\/([A-Za-z0-9]+)\/?$/);
    return scheme ? scheme[1] : url ? url[1] : null;
  }

  $('open-form').addEventListener('submit', guarded('scan-error', async () => {
    const ticket = ticketOf($('open-link').value.trim());
    if (!ticket) {
      $('scan-result').hidden = true;
      throw new Error('not a URL Scheme (weixin://dl/business/?t=…) or a URL Link (…/L/…)');
    }
    await show(await fetch(base + '/L/' + ticket, { headers: { Accept: 'application/json' } }), false);
  }));

  $('scan-file').addEventListener('change', guarded('scan-error', async () => {
    const file = $('scan-file').files[0];
    if (file) {
      await scan(file);
    }
    $('scan-file').value = '';
  }));

  $('drop').addEventListener('dragover', (event) => {
    event.preventDefault();
    $('drop').classList.add('over');
  });
  $('drop').addEventListener('dragleave', () => $('drop').classList.remove('over'));
  $('drop').addEventListener('drop', guarded('scan-error', async (event) => {
    $('drop').classList.remove('over');
    const file = event.dataTransfer.files[0];
    if (file) {
      await scan(file);
    }
  }));

  $('camera-start').addEventListener('click', guarded('scan-error', async () => {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      throw new Error('This browser offers no camera to this page: the camera needs https, or the server on localhost.');
    }
    state.stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    $('camera-video').srcObject = state.stream;
    $('camera').hidden = false;
  }));

  $('camera-capture').addEventListener('click', guarded('scan-error', async () => {
    const video = $('camera-video');
    const canvas = el('canvas', { width: video.videoWidth, height: video.videoHeight });
    canvas.getContext('2d').drawImage(video, 0, 0);
    const frame = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
    await scan(frame);
  }));

  function stopCamera() {
    if (state.stream) {
      state.stream.getTracks().forEach((track) => track.stop());
      state.stream = null;
    }
    $('camera').hidden = true;
  }

  $('camera-stop').addEventListener('click', stopCamera);

  // ---- Request log -------------------------------------------------------------------------

  function logEntry(entry) {
    const failed = entry.errcode !== 0;
    return el('li', { 'data-seq': String(entry.seq) },
      el('div', { class: 'head' }, el('strong', { text: `${entry.method} ${entry.route}` }),
        el('span', { class: failed ? 'status-error' : '', text: `HTTP ${entry.status} · errcode ${entry.errcode}` }),
        el('span', { class: 'meta', text: `${entry.ms} ms · ${entry.time}` })),
      el('div', { class: 'meta', text: 'rid ' + entry.rid }),
      Object.keys(entry.query || {}).length ? el('pre', { text: 'query ' + JSON.stringify(entry.query) }) : null,
      Object.keys(entry.fields || {}).length ? el('pre', { text: 'body ' + JSON.stringify(entry.fields, null, 2) }) : null,
      ...(entry.warnings || []).map(warningLine));
  }

  /** The calls since the last one shown (all, the first time), newest on top, at most the log's capacity. */
  async function loadLog() {
    if (!state.appid) {
      return;
    }
    const json = await api('GET', appPath('/requests' + (state.logAfter ? `?after=${state.logAfter}` : '')));
    const list = $('log-list');
    for (const entry of json.requests) {
      list.prepend(logEntry(entry));
      state.logAfter = Math.max(state.logAfter, entry.seq);
    }
    while (list.children.length > json.capacity) {
      list.lastChild.remove();
    }
    if (!list.children.length) {
      list.append(el('li', { class: 'meta empty', text: 'No call yet.' }));
    } else if (json.requests.length) {
      list.querySelectorAll('.empty').forEach((node) => node.remove());
    }
  }

  function stopFollow() {
    if (state.follow) {
      clearInterval(state.follow);
      state.follow = null;
    }
  }

  loaders.log = async () => {
    state.logAfter = 0;
    $('log-list').replaceChildren();
    showError('log-error', null);
    if ($('log-follow').checked) {
      state.follow = setInterval(guarded('log-error', loadLog), FOLLOW_EVERY_MS);
    }
    await guarded('log-error', loadLog)();
  };

  $('log-refresh').addEventListener('click', guarded('log-error', loadLog));
  $('log-follow').addEventListener('change', () => {
    stopFollow();
    if ($('log-follow').checked) {
      state.follow = setInterval(guarded('log-error', loadLog), FOLLOW_EVERY_MS);
    }
  });

  // ---- Fault rules -------------------------------------------------------------------------

  function describeRule(rule) {
    if (rule.errcode !== undefined && rule.errcode !== null) {
      return `answers errcode ${rule.errcode}`;
    }
    if (rule.delay) {
      return `delayed ${rule.delay}`;
    }
    return rule.drop ? 'dropped' : `sent at ${rule.slow} bytes a second`;
  }

  function showRules(json) {
    const rules = json.faults;
    $('faults-list').replaceChildren(...(rules.length ? rules.map((rule) => el('li', { 'data-id': rule.id },
      el('div', { class: 'head' }, el('strong', { text: `${rule.id}: ${rule.endpoint || 'every endpoint'}` }), el('span', { text: describeRule(rule) })),
      el('div', { class: 'meta', text: [
        rule.scene ? `scene ~ ${rule.scene}` : '',
        rule.page ? `page ~ ${rule.page}` : '',
        rule.times_left !== null ? `${rule.times_left} call${rule.times_left === 1 ? '' : 's'} left` : '',
        rule.until ? `until ${rule.until}` : '',
        rule.percent !== null ? `${rule.percent} % (seed ${rule.seed})` : '',
        rule.persist ? 'kept over a restart' : '',
      ].filter(Boolean).join(' · ') || 'every matching call, until removed' }),
      el('div', { class: 'actions' }, el('button', { type: 'button', class: 'small danger', text: 'Remove',
        onclick: guarded('fault-error', async () => showRules(await api('DELETE', appPath('/faults/' + encodeURIComponent(rule.id))))) }))))
      : [el('li', { class: 'meta', text: 'No rule: calls are answered as usual.' })]));
  }

  loaders.faults = async () => showRules(await api('GET', appPath('/faults')));

  const ACTION_VALUES = {
    errcode: { label: 'errcode', value: '42001', placeholder: '42001' },
    delay: { label: 'delay', value: '2s', placeholder: '2s or 100ms-2s' },
    slow: { label: 'bytes a second', value: '100', placeholder: '100' },
  };

  $('fault-action').addEventListener('change', () => {
    const choice = ACTION_VALUES[$('fault-action').value];
    $('fault-value-label').hidden = !choice;
    if (choice) {
      $('fault-value-label').firstChild.textContent = choice.label + ' ';
      $('fault-value').value = choice.value;
      $('fault-value').placeholder = choice.placeholder;
    }
  });

  $('fault-form').addEventListener('submit', guarded('fault-error', async () => {
    const action = $('fault-action').value;
    const value = $('fault-value').value.trim();
    const body = {};
    if (action === 'drop') {
      body.drop = true;
    } else {
      // A number where the server wants one; anything else is sent as typed, for the server to say what is wrong.
      body[action] = action === 'delay' || !/^-?\d+$/.test(value) ? value : Number(value);
    }
    const text = { endpoint: 'fault-endpoint', scene: 'fault-scene', page: 'fault-page', for: 'fault-for' };
    for (const [field, id] of Object.entries(text)) {
      if ($(id).value.trim()) {
        body[field] = $(id).value.trim();
      }
    }
    for (const [field, id] of Object.entries({ times: 'fault-times', percent: 'fault-percent', seed: 'fault-seed' })) {
      if (number(id) !== undefined) {
        body[field] = number(id);
      }
    }
    if ($('fault-persist').checked) {
      body.persist = true;
    }
    const rule = await api('POST', appPath('/faults'), body);
    await loaders.faults();
    notify(`Rule ${rule.id} added: ${rule.endpoint || 'every endpoint'} ${describeRule(rule)}.`);
  }));

  $('faults-clear').addEventListener('click', guarded('fault-error', async () => showRules(await api('DELETE', appPath('/faults')))));

  $('tokens-expire').addEventListener('click', guarded(null, async () => {
    await api('POST', appPath('/tokens/expire'));
    notify(`Every token of ${state.appid} has expired: the next call with one gets 42001.`);
  }));

  $('tokens-supersede').addEventListener('click', guarded(null, async () => {
    await api('POST', appPath('/tokens/supersede'));
    notify(`Every token of ${state.appid} is superseded: the next call with one gets 40001.`);
  }));

  // ---- Start -------------------------------------------------------------------------------

  (async () => {
    const response = await request('GET', '/console/session');
    if (response.ok) {
      await signedIn(await response.json());
    } else {
      signedOut();
    }
  })();
})();
