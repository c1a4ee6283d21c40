#!/usr/bin/env python3
"""Loads pages made by `transcript --format html` in headless Chromium and checks the DOM.

Drives Chromium through the DevTools protocol (websocket-client is the only dependency).

usage: browser_check.py [--chromium PATH] [--screenshot PNG] [--seed NAME] [--adversarial NAME]
                        PAGE.html:JSON [PAGE.html:JSON ...]

Each argument pairs a page with the `--format json` output of the same transcript, which
gives the expected numbers of turns and exchanges. For every page, with JavaScript on:
  - one `.turn` element per turn, one `.card` per exchange, one table-of-contents link per
    exchange, every in-page link pointing at an element that exists, no duplicate ids;
  - the page's own style and script ran (so the CSP hashes are right) and nothing else did:
    no console errors, no exceptions, no CSP violations, no dialogs, a single <script>, no
    element with an on* attribute, no javascript: URL, no img/iframe/object/embed;
  - the title is the transcript's title.
For the seed (--seed): study mode by keyboard (Space reveals the answer, ArrowRight gives
"2 / N", ArrowLeft back, S shuffles) and, with JavaScript disabled, every card readable with
its question and its answer visible. Prints one line per check group; exits 1 on a failure.
"""

import argparse
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import websocket  # websocket-client


class DevTools:
    """A DevTools-protocol connection to one page."""

    def __init__(self, url):
        self.ws = websocket.create_connection(url, timeout=30, suppress_origin=True, max_size=None)
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, timeout=30):
        self.next_id += 1
        message_id = self.next_id
        self.ws.send(json.dumps({"id": message_id, "method": method, "params": params or {}}))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = json.loads(self.ws.recv())
            if message.get("id") == message_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)
        raise TimeoutError(method)

    def wait_for(self, event, timeout=30):
        deadline = time.monotonic() + timeout
        for index, message in enumerate(self.events):
            if message["method"] == event:
                return self.events.pop(index)
        while time.monotonic() < deadline:
            message = json.loads(self.ws.recv())
            if "method" in message:
                if message["method"] == event:
                    return message
                self.events.append(message)
        raise TimeoutError(event)

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluate failed: {result['exceptionDetails'].get('text')}: {expression[:80]}")
        return result["result"].get("value")

    def key(self, key, code, key_code, text=None):
        for kind in ("keyDown", "keyUp"):
            params = {"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": key_code}
            if text and kind == "keyDown":
                params["text"] = text
            self.send("Input.dispatchKeyEvent", params)

    def close(self):
        self.ws.close()


class Browser:
    def __init__(self, executable):
        self.profile = tempfile.mkdtemp(prefix="transcript-chromium-")
        args = [
            executable, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--mute-audio", "--hide-scrollbars",
            "--remote-debugging-port=0", f"--user-data-dir={self.profile}", "about:blank",
        ]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        self.endpoint = None
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            if not line:
                break
            match = re.search(r"DevTools listening on (ws://[^\s]+)", line)
            if match:
                self.endpoint = match.group(1)
                break
        if not self.endpoint:
            self.quit()
            raise RuntimeError("Chromium did not start (no DevTools endpoint)")
        self.host = re.match(r"ws://([^/]+)/", self.endpoint).group(1)
        self.control = DevTools(self.endpoint)

    def new_page(self, width=1280, height=900):
        target = self.control.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        page = DevTools(f"ws://{self.host}/devtools/page/{target}")
        page.target = target
        page.send("Page.enable")
        page.send("Runtime.enable")
        page.send("Log.enable")
        page.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        page.send("Emulation.setFocusEmulationEnabled", {"enabled": True})
        return page

    def close_page(self, page):
        page.close()
        self.control.send("Target.closeTarget", {"targetId": page.target})

    def quit(self):
        try:
            self.process.terminate()
            self.process.wait(timeout=10)
        except Exception:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


# Installed before any of the page's own script: records what must never happen.
TRAPS = """
window.__alerts = [];
window.__csp = [];
['alert', 'confirm', 'prompt', 'print'].forEach(function (name) {
  window[name] = function (message) { window.__alerts.push(name + ':' + String(message)); };
});
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || ''));
});
"""

DOM_FACTS = """
(function () {
  var all = Array.prototype.slice.call(document.querySelectorAll('*'));
  var ids = {};
  var duplicates = [];
  all.forEach(function (el) {
    if (el.id) { if (ids[el.id]) { duplicates.push(el.id); } ids[el.id] = true; }
  });
  var handlers = [];
  var badUrls = [];
  all.forEach(function (el) {
    Array.prototype.forEach.call(el.attributes, function (a) {
      var name = a.name.toLowerCase();
      if (name.indexOf('on') === 0) { handlers.push(el.tagName + '[' + name + ']'); }
      if (/^(href|src|xlink:href|action|formaction|data|srcdoc)$/.test(name)
          && /^\\s*(javascript|data|vbscript):/i.test(a.value)) { badUrls.push(el.tagName + '[' + name + ']'); }
    });
  });
  var broken = [];
  Array.prototype.forEach.call(document.querySelectorAll('a[href^="#"]'), function (a) {
    var id = decodeURIComponent(a.getAttribute('href').slice(1));
    if (id && !document.getElementById(id)) { broken.push(a.getAttribute('href')); }
  });
  var external = Array.prototype.filter.call(document.querySelectorAll('a[href]'), function (a) {
    return !/^#/.test(a.getAttribute('href')) && !/^https?:\\/\\//.test(a.getAttribute('href'));
  }).map(function (a) { return a.getAttribute('href'); });
  var tocLinks = document.querySelectorAll('nav.toc a[href^="#q"]');
  var tocTargets = Array.prototype.every.call(tocLinks, function (a) {
    var target = document.getElementById(a.getAttribute('href').slice(1));
    return target && (target.classList.contains('turn') || target.classList.contains('anchor'));
  });
  var study = document.getElementById('study');
  return {
    turns: document.querySelectorAll('.turn').length,
    cards: document.querySelectorAll('#deck .card').length,
    toc: tocLinks.length,
    tocTargets: tocTargets,
    duplicates: duplicates,
    handlers: handlers,
    badUrls: badUrls,
    brokenLinks: broken,
    otherLinks: external,
    scripts: document.scripts.length,
    embeds: document.querySelectorAll('img, iframe, object, embed, frame, link, base, form, input, meta[http-equiv="refresh"]').length,
    svgs: document.querySelectorAll('svg').length,
    chartSvgs: document.querySelectorAll('svg.chart').length,
    styled: getComputedStyle(document.querySelector('.page')).maxWidth !== 'none',
    interactive: !!(study && study.classList.contains('interactive')),
    lang: document.documentElement.lang,
    title: document.title,
    h1: (document.querySelector('h1') || {}).textContent || '',
    alerts: window.__alerts,
    csp: window.__csp,
    headings: Array.prototype.map.call(document.querySelectorAll('h1, h2, h3, h4, h5, h6'), function (h) { return +h.tagName[1]; })
  };
})()
"""

STUDY_STATE = """
(function () {
  var visible = Array.prototype.filter.call(document.querySelectorAll('#deck .card'), function (c) { return !c.hidden && c.offsetHeight > 0; });
  var card = visible[0];
  var answer = card && card.querySelector('.answer');
  return {
    visibleCards: visible.length,
    card: card ? card.id : null,
    answerVisible: !!(answer && !answer.hidden && answer.offsetHeight > 0 && answer.innerText.trim().length > 0),
    progress: (document.getElementById('progress') || {}).textContent,
    reveal: (document.getElementById('reveal') || {}).textContent,
    focus: document.activeElement ? document.activeElement.id : null
  };
})()
"""

NO_SCRIPT_FACTS = """
(function () {
  var cards = Array.prototype.slice.call(document.querySelectorAll('#deck .card'));
  function shown(el) { return !!el && el.offsetHeight > 0 && el.innerText.trim().length > 0; }
  return {
    cards: cards.length,
    readable: cards.filter(function (c) { return shown(c.querySelector('.question')) && shown(c.querySelector('.answer')); }).length,
    controlsHidden: (function () { var c = document.getElementById('study-controls'); return !c || c.offsetHeight === 0; })(),
    interactive: document.getElementById('study').classList.contains('interactive'),
    turnsShown: Array.prototype.filter.call(document.querySelectorAll('.turn'), shown).length
  };
})()
"""


class Checker:
    def __init__(self):
        self.failures = 0

    def report(self, name, problems, detail=""):
        if problems:
            self.failures += 1
            print(f"browser-check: {name}: FAIL: " + "; ".join(problems))
        else:
            print(f"browser-check: {name}: OK" + (f": {detail}" if detail else ""))


def collect_errors(page):
    errors = []
    for event in page.events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.exceptionThrown":
            errors.append("exception: " + params["exceptionDetails"].get("text", ""))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert", "warning"):
            errors.append(f"console.{params['type']}: " + " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
        elif method == "Log.entryAdded" and params["entry"].get("level") in ("error", "warning"):
            errors.append(f"log {params['entry'].get('source')}: {params['entry'].get('text')}")
        elif method == "Page.javascriptDialogOpening":
            errors.append("dialog: " + params.get("message", ""))
    return errors


def load(browser, path, scripts=True, width=1280, height=900, dark=False):
    page = browser.new_page(width, height)
    if not scripts:
        page.send("Emulation.setScriptExecutionDisabled", {"value": True})
    if dark:
        page.send("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    page.send("Page.addScriptToEvaluateOnNewDocument", {"source": TRAPS})
    page.send("Page.navigate", {"url": "file://" + os.path.abspath(path)})
    page.wait_for("Page.loadEventFired")
    return page


def check_page(browser, checker, html, expected, is_seed, is_adversarial, screenshot):
    name = os.path.basename(html)
    page = load(browser, html)
    time.sleep(0.05)  # let late console messages arrive
    facts = page.evaluate(DOM_FACTS)
    problems = []
    if facts["turns"] != expected["turns"]:
        problems.append(f"{facts['turns']} .turn elements, expected {expected['turns']}")
    if facts["cards"] != expected["exchanges"]:
        problems.append(f"{facts['cards']} cards, expected {expected['exchanges']}")
    if facts["toc"] != expected["exchanges"] or not facts["tocTargets"]:
        problems.append(f"{facts['toc']} contents links (all on turns: {facts['tocTargets']}), expected {expected['exchanges']}")
    for key in ("duplicates", "handlers", "badUrls", "brokenLinks", "otherLinks", "alerts", "csp"):
        if facts[key]:
            problems.append(f"{key}: {facts[key][:5]}")
    if facts["scripts"] != 1:
        problems.append(f"{facts['scripts']} <script> elements, expected only the page's own")
    if facts["embeds"]:
        problems.append(f"{facts['embeds']} img/iframe/object/embed/link/base/form elements")
    if facts["svgs"] != facts["chartSvgs"]:
        problems.append(f"{facts['svgs'] - facts['chartSvgs']} <svg> elements that are not the page's charts")
    if not facts["styled"]:
        problems.append("the page's style sheet did not apply (CSP style hash?)")
    if expected["exchanges"] > 0 and not facts["interactive"]:
        problems.append("the study script did not run (CSP script hash?)")
    if facts["title"] != expected["title"]:
        problems.append(f"document.title is {facts['title']!r}, expected {expected['title']!r}")
    levels = facts["headings"]
    if levels[:1] != [1] or levels.count(1) != 1 or any(b > a + 1 for a, b in zip(levels, levels[1:])):
        problems.append(f"heading levels out of order: {levels[:12]}")
    errors = collect_errors(page)
    if errors:
        problems.append(f"{len(errors)} console errors: {errors[:3]}")
    checker.report(name, problems,
                   f"lang={facts['lang']}, {facts['turns']} turns, {facts['cards']} cards, "
                   f"{facts['chartSvgs']} charts, no console errors, no CSP violations")

    if is_adversarial:
        adversarial = []
        if facts["alerts"]:
            adversarial.append(f"dialogs opened: {facts['alerts']}")
        marker = page.evaluate("typeof window.__pwned === 'undefined' && !document.querySelector('[data-pwned]')")
        if not marker:
            adversarial.append("a payload from the transcript ran (window.__pwned or [data-pwned])")
        text = page.evaluate("document.getElementById('transcript').innerText")
        for needle in ("<script>alert(1)</script>", "javascript:", "</style>", "onerror=", "onload="):
            if needle not in text:
                adversarial.append(f"{needle!r} is not shown as text")
        checker.report(name + " (adversarial)", adversarial,
                       "payloads shown as text, none ran, no on* attributes, no javascript: URLs")

    if screenshot and is_seed:
        page.send("Runtime.evaluate", {"expression": "window.scrollTo(0, 0)"})
        shot = page.send("Page.captureScreenshot", {"format": "png"})
        with open(screenshot, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        print(f"browser-check: screenshot of {name} written to {screenshot}")
    browser.close_page(page)

    if is_seed:
        check_study(browser, checker, html, expected)
        check_without_script(browser, checker, html, expected)


def check_study(browser, checker, html, expected):
    name = os.path.basename(html) + " (study mode, keyboard)"
    total = expected["exchanges"]
    page = load(browser, html)
    problems = []
    page.evaluate("document.getElementById('deck').focus()")
    before = page.evaluate(STUDY_STATE)
    if before["visibleCards"] != 1 or before["answerVisible"] or before["progress"] != f"1 / {total}":
        problems.append(f"at the start: {before}")
    if before["focus"] != "deck":
        problems.append(f"the study area cannot take focus (focus on {before['focus']!r})")
    page.key(" ", "Space", 32, " ")
    revealed = page.evaluate(STUDY_STATE)
    if not revealed["answerVisible"]:
        problems.append(f"Space did not reveal the answer: {revealed}")
    page.key("ArrowRight", "ArrowRight", 39)
    moved = page.evaluate(STUDY_STATE)
    if moved["progress"] != f"2 / {total}" or moved["card"] != "c2" or moved["answerVisible"]:
        problems.append(f"ArrowRight: {moved}")
    page.key("ArrowLeft", "ArrowLeft", 37)
    back = page.evaluate(STUDY_STATE)
    if back["progress"] != f"1 / {total}" or back["card"] != "c1":
        problems.append(f"ArrowLeft: {back}")
    page.key("s", "KeyS", 83, "s")
    shuffled = page.evaluate(STUDY_STATE)
    if shuffled["progress"] != f"1 / {total}" or shuffled["visibleCards"] != 1:
        problems.append(f"S (shuffle): {shuffled}")
    page.key("s", "KeyS", 83, "s")
    ordered = page.evaluate(STUDY_STATE)
    # Back in order, on the same card: its progress is its own number.
    number = int(shuffled["card"][1:]) if shuffled["card"] else 0
    if ordered["card"] != shuffled["card"] or ordered["progress"] != f"{number} / {total}":
        problems.append(f"S again (back in order, same card {shuffled['card']}): {ordered}")
    # The buttons work from the keyboard too: Tab to "Show answer", Enter.
    page.evaluate("document.getElementById('reveal').focus()")
    page.key("Enter", "Enter", 13, "\r")
    by_button = page.evaluate(STUDY_STATE)
    if not by_button["answerVisible"]:
        problems.append(f"Enter on the button did not reveal the answer: {by_button}")
    errors = collect_errors(page)
    if errors:
        problems.append(f"console errors: {errors[:3]}")
    checker.report(name, problems,
                   f"Space reveals the answer, ArrowRight gives \"{moved['progress']}\", ArrowLeft, S and Enter work")
    browser.close_page(page)


def check_without_script(browser, checker, html, expected):
    name = os.path.basename(html) + " (JavaScript disabled)"
    page = load(browser, html, scripts=False)
    # Runtime.evaluate still runs with page scripts disabled; the page's own script did not.
    facts = page.evaluate(NO_SCRIPT_FACTS)
    problems = []
    if facts["interactive"]:
        problems.append("the study script ran although scripts are disabled")
    if facts["cards"] != expected["exchanges"] or facts["readable"] != expected["exchanges"]:
        problems.append(f"{facts['readable']} of {facts['cards']} cards show question and answer, expected {expected['exchanges']}")
    if not facts["controlsHidden"]:
        problems.append("the study buttons show although they cannot work")
    if facts["turnsShown"] != expected["turns"]:
        problems.append(f"{facts['turnsShown']} turns shown, expected {expected['turns']}")
    checker.report(name, problems, f"{facts['readable']} questions with their answers readable, {facts['turnsShown']} turns shown")
    browser.close_page(page)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--screenshot")
    parser.add_argument("--seed", default="sora-mira-murati-interview.txt.html")
    parser.add_argument("--seed-turns", type=int, default=44)
    parser.add_argument("--seed-cards", type=int, default=22)
    parser.add_argument("--adversarial", default="adversarial-html-en.txt.html")
    parser.add_argument("pages", nargs="+")
    args = parser.parse_args()

    checker = Checker()
    started = time.monotonic()
    browser = Browser(args.chromium)
    seen_seed = seen_adversarial = False
    try:
        for pair in args.pages:
            html, json_path = pair.rsplit(":", 1)
            with open(json_path, encoding="utf-8") as f:
                model = json.load(f)
            expected = {
                "turns": len(model["turns"]),
                "exchanges": len(model["exchanges"]),
                "title": (model.get("title") or "").strip() or os.path.basename(model["source"]["name"]),
            }
            base = os.path.basename(html)
            is_seed = base == args.seed
            is_adversarial = base == args.adversarial
            if is_seed:
                seen_seed = True
                numbers = []
                if expected["turns"] != args.seed_turns or expected["exchanges"] != args.seed_cards:
                    numbers.append(f"the seed has {expected['turns']} turns and {expected['exchanges']} exchanges, "
                                   f"expected {args.seed_turns} and {args.seed_cards}")
                checker.report(base + " (numbers)", numbers, f"{args.seed_turns} turns, {args.seed_cards} exchanges")
            seen_adversarial |= is_adversarial
            try:
                check_page(browser, checker, html, expected, is_seed, is_adversarial, args.screenshot)
            except Exception as error:  # a protocol failure is a failed check, not a crash
                checker.report(base, [f"{type(error).__name__}: {error}"])
    finally:
        browser.quit()
    for flag, label in ((seen_seed, args.seed), (seen_adversarial, args.adversarial)):
        if not flag:
            checker.report(label, ["page not among the pages checked"])
    print(f"browser-check: {len(args.pages)} pages in {time.monotonic() - started:.1f} s, "
          f"{checker.failures} failure(s)")
    sys.exit(1 if checker.failures else 0)


if __name__ == "__main__":
    main()
