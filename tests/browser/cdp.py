#!/usr/bin/python3
"""Loads a self-contained HTML page in headless Chromium and checks how it renders.

usage: cdp.py [--chromium PATH] [--profile DIR] [--log FILE] [--pid-file FILE]
              [--width W] [--height H] [--timeout S] [--min-svg N]
              [--screenshot PNG] [--max-height H] PAGE

Drives Chromium through the DevTools protocol over --remote-debugging-pipe (the browser reads
commands from its file descriptor 3 and writes answers and events to its descriptor 4, one
JSON message each, ended by a NUL byte), so nothing but the Python standard library is needed
and no port is opened.  The browser gets a private profile (--profile, default a directory
made under $TMPDIR and removed after), a viewport of W x H CSS pixels at scale 1, and no
network: every request for anything but a file: or data: URL is failed, and its host names
resolve to nothing.

Checks, each printed as "ok   WHAT" or "FAIL WHAT" (and then what is wrong, indented):
  - the page loads;
  - nothing is written to the console and no exception is thrown: a console.error, .warn or
    .assert, an uncaught exception, or a log entry of level warning or error (a resource that
    failed to load, a blocked request, a Content-Security-Policy violation, ...) fails;
    console messages of lower levels are printed as notes;
  - the page loads nothing but itself (data: URLs aside) and has no script: no <script>
    element and no on* event-handler attribute;
  - at least N (--min-svg, default 1) <svg> elements, each laid out with a bounding box of
    positive width and height, and each outermost one with drawn content whose bounding box
    (getBBox) has positive width and height;
  - at least one element has a lang attribute of "ar" (or "ar-..."), and the computed
    direction of every such element is rtl.
Notes only (printed, not failed): an SVG whose drawn content reaches more than 2 units past its
viewBox (clipped labels), and a page wider than the viewport (a horizontal scroll bar).
With --screenshot, saves a PNG of the whole page (of its first H pixels with --max-height).

Every step has to be done within --timeout seconds (default 50) from the start; the browser is
killed (its process group, and its crash handlers) on every way out, SIGTERM included.
--pid-file receives the browser's process id, which is also its process-group id, for a caller
that must kill it when this script is itself killed; the file is removed once the browser is
gone.
Exits 0 when every check passed, 1 when one failed, 2 when the browser could not be run.
SPDX-License-Identifier: MIT
"""
import argparse
import base64
import fcntl
import json
import os
import pathlib
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time


class BrowserError(Exception):
    """The browser could not be started, stopped answering, or took too long."""


class Browser:
    """A headless Chromium spoken to over --remote-debugging-pipe."""

    def __init__(self, chromium, profile, log, pid_file, width, height, deadline):
        self.deadline = deadline
        self.pid_file = pid_file
        self.next_id = 0
        self.events = []
        self.replies = {}
        self.buf = b''
        # The pipes live at descriptors >= 10 here, so that the child can dup2 them to 3 and 4
        # without overwriting one of them; all are close-on-exec but the child's 3 and 4.
        cmd_r, cmd_w = os.pipe()
        out_r, out_w = os.pipe()
        fds = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (cmd_r, cmd_w, out_r, out_w)]
        for fd in (cmd_r, cmd_w, out_r, out_w):
            os.close(fd)
        child_in, self.write_fd, self.read_fd, child_out = fds

        def to_3_and_4():
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        self.home = home = pathlib.Path(profile).resolve()
        env = dict(os.environ, XDG_CONFIG_HOME=str(home / 'config'),
                   XDG_CACHE_HOME=str(home / 'cache'))
        args = [chromium, '--headless', '--no-sandbox', '--remote-debugging-pipe',
                '--user-data-dir=' + str(home / 'data'), '--disk-cache-dir=' + str(home / 'cache'),
                '--window-size=%d,%d' % (width, height), '--hide-scrollbars', '--mute-audio',
                '--no-first-run', '--no-default-browser-check', '--disable-background-networking',
                '--disable-component-update', '--disable-default-apps', '--disable-extensions',
                '--disable-sync', '--disable-breakpad', '--disable-dev-shm-usage',
                '--disable-features=Translate,MediaRouter,OptimizationHints,DialMediaRouteProvider',
                '--host-resolver-rules=MAP * ~NOTFOUND', '--force-color-profile=srgb',
                '--lang=en-US', 'about:blank']
        self.log = open(log, 'wb') if log else subprocess.DEVNULL
        try:
            self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self.log,
                                         stderr=self.log, env=env, close_fds=False,
                                         preexec_fn=to_3_and_4, start_new_session=True)
        except OSError as e:
            raise BrowserError('cannot run %s: %s' % (chromium, e)) from e
        finally:
            os.close(child_in)
            os.close(child_out)
        if pid_file:
            pathlib.Path(pid_file).write_text('%d\n' % self.proc.pid)

    def kill(self):
        """Kills the browser's process group and waits for the browser."""
        # What is left of the group once the browser itself has quit, too.
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()
        # The crash handlers start sessions of their own: they are known by their database,
        # which is in the private profile.
        mark = b'--database=' + bytes(self.home) + b'/'
        until = time.monotonic() + 2
        while time.monotonic() < until:
            left = [pid for pid, cmd in processes() if mark in cmd]
            if not left:
                break
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.05)
        if self.pid_file:
            pathlib.Path(self.pid_file).unlink(missing_ok=True)
        for fd in (self.read_fd, self.write_fd):
            try:
                os.close(fd)
            except OSError:
                pass
        if self.log is not subprocess.DEVNULL:
            self.log.close()

    def close(self):
        """Asks the browser to quit, then kills what is left of it."""
        try:
            if self.proc.poll() is None:
                self.send('Browser.close', timeout=5)
                self.proc.wait(timeout=5)
        except (BrowserError, subprocess.TimeoutExpired, OSError):
            pass
        self.kill()

    def _read(self, until):
        """Reads one message, or returns None at the time until."""
        while b'\0' not in self.buf:
            left = until - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.read_fd], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.read_fd, 1 << 16)
            if not chunk:
                raise BrowserError('the browser closed its end of the pipe (exit status %s)'
                                   % self.proc.poll())
            self.buf += chunk
        message, self.buf = self.buf.split(b'\0', 1)
        return json.loads(message)

    def send(self, method, params=None, session=None, timeout=None):
        """Sends a command and returns its result; keeps the events that come before it."""
        self.next_id += 1
        message = {'id': self.next_id, 'method': method, 'params': params or {}}
        if session:
            message['sessionId'] = session
        data = json.dumps(message).encode() + b'\0'
        try:
            while data:
                data = data[os.write(self.write_fd, data):]
        except OSError as e:
            raise BrowserError('cannot send %s: %s (exit status %s)'
                               % (method, e, self.proc.poll())) from e
        until = self.deadline if timeout is None else min(self.deadline, time.monotonic() + timeout)
        # An event handler may send commands of its own: their answers may come first, and
        # the answers to the others are kept until the one waiting for them takes them.
        wanted = self.next_id
        while wanted not in self.replies:
            message = self._read(until)
            if message is None:
                raise BrowserError('no answer to %s in time' % method)
            self._dispatch(message)
        reply = self.replies.pop(wanted)
        if 'error' in reply:
            raise BrowserError('%s: %s' % (method, reply['error'].get('message')))
        return reply.get('result', {})

    def pump(self, seconds):
        """Keeps reading events for the given time (less when the deadline comes first)."""
        until = min(self.deadline, time.monotonic() + seconds)
        while True:
            message = self._read(until)
            if message is None:
                return
            self._dispatch(message)

    def wait_event(self, method, session, what):
        """Waits for an event of the session; returns its params."""
        seen = 0
        while True:
            for event in self.events[seen:]:
                if event['method'] == method and event.get('sessionId') == session:
                    return event['params']
            seen = len(self.events)
            message = self._read(self.deadline)
            if message is None:
                raise BrowserError('%s took too long' % what)
            self._dispatch(message)

    def _dispatch(self, message):
        """Keeps an answer for its command; keeps an event and hands it to on_event."""
        if 'id' in message:
            self.replies[message['id']] = message
        elif 'method' in message:
            self.events.append(message)
            self.on_event(message)

    def on_event(self, event):
        """Called for every event as it comes; set by the page."""


def processes():
    """The process ids and command lines (NUL-separated) of the processes one can see."""
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            try:
                with open('/proc/%s/cmdline' % entry, 'rb') as f:
                    yield int(entry), f.read()
            except OSError:
                pass


def short(text, n=200):
    text = ' '.join(str(text).split())
    return text if len(text) <= n else text[:n - 3] + '...'


def remote_value(arg):
    if 'value' in arg:
        return arg['value'] if isinstance(arg['value'], str) else json.dumps(arg['value'])
    return arg.get('description') or arg.get('unserializableValue') or arg.get('type', '?')


class Page:
    """One tab of the browser, with what it wrote to the console and the requests it made."""

    def __init__(self, browser, url, width, height):
        self.browser = browser
        self.url = url
        self.problems = []      # console errors and warnings, exceptions, failed loads
        self.notes = []         # console messages of lower levels
        self.requests = []      # the URLs of the requests other than the page's own
        target = browser.send('Target.createTarget', {'url': 'about:blank'})['targetId']
        self.session = browser.send('Target.attachToTarget',
                                    {'targetId': target, 'flatten': True})['sessionId']
        browser.on_event = self.on_event
        for method in ('Page.enable', 'Runtime.enable', 'Log.enable', 'Network.enable'):
            self.send(method)
        # Only file: and data: URLs are fetched; anything else fails (and is logged as an
        # error by the page).
        self.send('Fetch.enable', {'patterns': [{'urlPattern': '*'}]})
        self.send('Emulation.setDeviceMetricsOverride',
                  {'width': width, 'height': height, 'deviceScaleFactor': 1, 'mobile': False})

    def send(self, method, params=None):
        return self.browser.send(method, params, self.session)

    def on_event(self, event):
        if event.get('sessionId') != self.session:
            return
        method, params = event['method'], event['params']
        if method == 'Runtime.consoleAPICalled':
            text = ' '.join(remote_value(a) for a in params.get('args', []))
            line = 'console.%s: %s' % (params['type'], short(text))
            (self.problems if params['type'] in ('error', 'warning', 'assert')
             else self.notes).append(line)
        elif method == 'Runtime.exceptionThrown':
            details = params['exceptionDetails']
            text = details.get('exception', {}).get('description') or details.get('text')
            self.problems.append('exception at line %s: %s'
                                 % (details.get('lineNumber', 0) + 1, short(text)))
        elif method == 'Log.entryAdded':
            entry = params['entry']
            line = 'log %s (%s): %s%s' % (entry['level'], entry['source'], short(entry['text']),
                                          ' [%s]' % entry['url'] if entry.get('url') else '')
            (self.problems if entry['level'] in ('error', 'warning') else self.notes).append(line)
        elif method == 'Network.requestWillBeSent':
            url = params['request']['url']
            if url != self.url and not url.startswith('data:'):
                self.requests.append(url)
        elif method == 'Fetch.requestPaused':
            url = params['request']['url']
            if url.startswith(('file:', 'data:')):
                self.browser.send('Fetch.continueRequest', {'requestId': params['requestId']},
                                  self.session)
            else:
                self.browser.send('Fetch.failRequest', {'requestId': params['requestId'],
                                                        'errorReason': 'BlockedByClient'},
                                  self.session)

    def load(self):
        """Navigates to the page and waits for its load event, its fonts and a frame."""
        result = self.send('Page.navigate', {'url': self.url})
        if result.get('errorText'):
            raise BrowserError('cannot load %s: %s' % (self.url, result['errorText']))
        self.browser.wait_event('Page.loadEventFired', self.session, 'loading the page')
        self.evaluate('document.fonts.ready.then(() => new Promise(r => '
                      'requestAnimationFrame(() => requestAnimationFrame(() => r(true)))))')
        self.browser.pump(0.3)  # messages that come just after

    def evaluate(self, expression):
        result = self.send('Runtime.evaluate', {'expression': expression, 'returnByValue': True,
                                                'awaitPromise': True})
        if 'exceptionDetails' in result:
            details = result['exceptionDetails']
            raise BrowserError('evaluating a check threw: %s'
                               % (details.get('exception', {}).get('description')
                                  or details.get('text')))
        return result['result'].get('value')

    def screenshot(self, path, max_height):
        size = self.send('Page.getLayoutMetrics')['cssContentSize']
        width = size['width']
        height = size['height'] if max_height <= 0 else min(size['height'], max_height)
        data = self.send('Page.captureScreenshot',
                         {'format': 'png', 'captureBeyondViewport': True,
                          'clip': {'x': 0, 'y': 0, 'width': width, 'height': height,
                                   'scale': 1}})['data']
        pathlib.Path(path).write_bytes(base64.b64decode(data))
        return width, height


# What the page is made of, measured in the page: its <svg> elements, the elements of
# lang="ar" and their computed direction, its scripts.
MEASURE = r'''(() => {
  const r4 = (b) => [b.x, b.y, b.width, b.height].map((v) => Math.round(v * 100) / 100);
  const name = (s) => {
    const label = s.getAttribute('aria-label') || s.id
      || (s.querySelector(':scope > title') || {}).textContent;
    if (label) return label.trim().slice(0, 60);
    const figure = s.closest('figure');
    const caption = figure && figure.querySelector('figcaption');
    return caption ? caption.textContent.trim().slice(0, 60) : '';
  };
  const svgs = [...document.querySelectorAll('svg')].map((s, i) => {
    const box = s.getBoundingClientRect();
    let content = null;
    try { content = r4(s.getBBox()); } catch (e) { content = null; }
    const vb = s.viewBox && s.viewBox.baseVal;
    return {
      index: i + 1, name: name(s), outermost: !s.parentElement.closest('svg'),
      box: r4(box), content: content,
      viewBox: vb && (vb.width || vb.height) ? r4(vb) : null,
    };
  });
  const ar = [...document.querySelectorAll('[lang|="ar" i]')].map((e) => ({
    tag: e.tagName.toLowerCase(), lang: e.getAttribute('lang'),
    direction: getComputedStyle(e).direction,
    text: e.textContent.trim().replace(/\s+/g, ' ').slice(0, 40),
  }));
  let handlers = 0;
  for (const e of document.querySelectorAll('*'))
    for (const a of e.attributes) if (/^on/i.test(a.name)) handlers++;
  const root = document.documentElement;
  return {
    svgs, ar, scripts: document.scripts.length, handlers,
    scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
  };
})()'''


class Report:
    """Prints the checks in the form of tests/script-lib.sh's check()."""

    def __init__(self):
        self.failed = False

    def check(self, what, ok, details=()):
        print('%s %s' % ('ok  ' if ok else 'FAIL', what))
        if not ok:
            for line in details:
                print('     ' + line)
            self.failed = True

    @staticmethod
    def note(what, details=()):
        print('note ' + what)
        for line in details:
            print('     ' + line)


def inspect(page, measured, min_svg, report):
    report.check('no console error or warning, no exception', not page.problems,
                 page.problems[:20])
    if page.notes:
        report.note('console messages', page.notes[:20])
    report.check('loads nothing but itself', not page.requests, page.requests[:20])
    report.check('no script (no <script>, no on* attribute)',
                 measured['scripts'] == 0 and measured['handlers'] == 0,
                 ['%d <script> element(s), %d on* attribute(s)'
                  % (measured['scripts'], measured['handlers'])])

    svgs = measured['svgs']

    def label(s):
        return 'svg #%d%s' % (s['index'], ' (%s)' % s['name'] if s['name'] else '')

    empty = []
    for s in svgs:
        x, y, w, h = s['box']
        if not (w > 0 and h > 0):
            empty.append('%s: box %gx%g at (%g, %g)' % (label(s), w, h, x, y))
        elif s['outermost'] and not (s['content'] and s['content'][2] > 0
                                     and s['content'][3] > 0):
            empty.append('%s: box %gx%g, but nothing drawn in it (content bounding box %s)'
                         % (label(s), w, h, s['content']))
    report.check('at least %d <svg> (%d), each with a non-empty bounding box'
                 % (min_svg, len(svgs)), len(svgs) >= min_svg and not empty,
                 empty[:20] + ([] if len(svgs) >= min_svg
                               else ['%d <svg> found, %d wanted' % (len(svgs), min_svg)]))
    clipped = []
    for s in svgs:
        if s['viewBox'] and s['content'] and s['content'][2] > 0:
            vx, vy, vw, vh = s['viewBox']
            cx, cy, cw, ch = s['content']
            past = max(vx - cx, vy - cy, cx + cw - (vx + vw), cy + ch - (vy + vh))
            if past > 2:
                clipped.append('%s: content %s reaches %g units past viewBox %s'
                               % (label(s), s['content'], past, s['viewBox']))
    if clipped:
        report.note('SVG content outside its viewBox (clipped)', clipped[:20])
    if measured['scrollWidth'] > measured['clientWidth']:
        report.note('the page is wider than the viewport: %d > %d CSS pixels'
                    % (measured['scrollWidth'], measured['clientWidth']))

    ar = measured['ar']
    wrong = ['<%s lang="%s"> is %s: %s' % (e['tag'], e['lang'], e['direction'], e['text'])
             for e in ar if e['direction'] != 'rtl']
    report.check('elements of lang="ar" (%d) are right to left' % len(ar),
                 ar and not wrong, wrong[:20] + ([] if ar else ['no element of lang="ar"']))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    ap.add_argument('page')
    ap.add_argument('--chromium', default=shutil.which('chromium') or 'chromium')
    ap.add_argument('--profile', help='a private directory for the browser (made if missing)')
    ap.add_argument('--log', help="a file for the browser's own output")
    ap.add_argument('--pid-file')
    ap.add_argument('--width', type=int, default=1280)
    ap.add_argument('--height', type=int, default=800)
    ap.add_argument('--timeout', type=float, default=50)
    ap.add_argument('--min-svg', type=int, default=1)
    ap.add_argument('--screenshot')
    ap.add_argument('--max-height', type=int, default=0)
    args = ap.parse_args()

    # SIGTERM (timeout(1)) and SIGINT unwind through the finally clauses below.
    def stop(signum, _frame):
        print('FAIL headless Chromium: stopped by signal %d' % signum)
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    deadline = time.monotonic() + args.timeout
    url = pathlib.Path(args.page).resolve().as_uri()
    made = None
    if args.profile:
        os.makedirs(args.profile, exist_ok=True)
        profile = args.profile
    else:
        profile = made = tempfile.mkdtemp(prefix='cdp-profile.')
    browser = None
    report = Report()
    try:
        browser = Browser(args.chromium, profile, args.log, args.pid_file, args.width,
                          args.height, deadline)
        page = Page(browser, url, args.width, args.height)
        page.load()
        report.check('loads ' + url, True)
        measured = page.evaluate(MEASURE)
        inspect(page, measured, args.min_svg, report)
        if args.screenshot:
            width, height = page.screenshot(args.screenshot, args.max_height)
            report.note('screenshot of %gx%g CSS pixels in %s' % (width, height, args.screenshot))
        # Anything the page wrote while it was being measured and shot.
        extra = len(page.problems)
        browser.pump(0.1)
        if len(page.problems) > extra:
            report.check('no console error or warning later on', False, page.problems[extra:])
    except BrowserError as e:
        print('FAIL headless Chromium: %s' % e)
        if args.log and os.path.exists(args.log):
            with open(args.log, errors='replace') as f:
                tail = [line for line in f.read().splitlines() if 'dbus' not in line][-10:]
            for line in tail:
                print('     chromium: ' + line)
        return 2
    finally:
        if browser:
            browser.close()
        if made:
            shutil.rmtree(made, ignore_errors=True)
    return 1 if report.failed else 0


if __name__ == '__main__':
    sys.exit(main())
