"""Headless Chromium opening a page, driven line by line from stdin.

It starts Debian's `chromium` with a throw-away profile and the DevTools protocol on a
loopback port, opens URL in a tab, and then acts like a person at the page: it types
into the form and reads what the page shows. The DevTools protocol is JSON over a
WebSocket, spoken here with Python's `websockets`.

    usage: browser.py URL

Prints first:  opened URL
Commands (stdin)          Printed
  wait-for TEXT           seen TEXT, once an element of the page shows TEXT (10 s at most,
                          else `missing TEXT; the page shows: ...`)
  type TEXT               typed TEXT (into the page's first input, then submits its form)
  lines SELECTOR          line TEXT for each element the CSS selector matches (its text on
                          one line), then `lines end`
  quit                    quit (closes the browser; the page's WebSocket goes with it)
"""

import asyncio
import ctypes
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile

from websockets.asyncio.client import connect

from peer_lines import commands, run, say


def die_with_parent():
    """Runs in the child before it becomes Chromium: on Linux, asks the kernel to send it
    SIGTERM when this script ends, even by SIGKILL (a failed test kills its peers), so no
    browser outlives the test."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (AttributeError, OSError):
        pass  # not Linux: quit() still ends the browser


class Browser:
    """One Chromium process and a DevTools session attached to one tab."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="socketladder-chromium-")
        # A file, not a pipe: nobody reads Chromium's chatter, and a full pipe would stall it.
        self.log = open(os.path.join(self.profile, "chromium.log"), "w")
        self.process = subprocess.Popen(
            [
                shutil.which("chromium") or "chromium",
                "--headless",
                "--no-sandbox",  # required as root; the tests run only loopback pages
                "--disable-gpu",
                "--no-first-run",
                f"--user-data-dir={self.profile}",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
            preexec_fn=die_with_parent,
        )
        self.ids = itertools.count(1)
        self.session = None

    async def devtools_url(self):
        """Chromium writes the port and path it listens on into the profile's
        `DevToolsActivePort` file once the protocol is up."""
        path = os.path.join(self.profile, "DevToolsActivePort")
        for _ in range(300):
            if self.process.poll() is not None:
                break
            try:
                with open(path) as file:
                    port, browser_path = file.read().split("\n")[:2]
                return f"ws://127.0.0.1:{port}{browser_path}"
            except (FileNotFoundError, ValueError):
                await asyncio.sleep(0.1)
        with open(os.path.join(self.profile, "chromium.log")) as file:
            tail = file.read()[-2000:]
        raise RuntimeError(f"chromium's DevTools did not start; its log ends: {tail}")

    async def call(self, method, **params):
        message_id = next(self.ids)
        message = {"id": message_id, "method": method, "params": params}
        if self.session:
            message["sessionId"] = self.session
        await self.socket.send(json.dumps(message))
        while True:
            answer = json.loads(await self.socket.recv())
            if answer.get("id") == message_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    async def evaluate(self, expression):
        result = await self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True
        )
        return result.get("result", {}).get("value")

    async def open(self, url):
        devtools = await self.devtools_url()
        self.socket = await connect(devtools, max_size=None, ping_interval=None)
        target = await self.call("Target.createTarget", url="about:blank")
        attached = await self.call(
            "Target.attachToTarget", targetId=target["targetId"], flatten=True
        )
        self.session = attached["sessionId"]
        await self.call("Page.enable")
        await self.call("Page.navigate", url=url)
        for _ in range(100):
            if await self.evaluate("document.readyState") == "complete":
                return
            await asyncio.sleep(0.1)
        raise RuntimeError(f"{url} did not finish loading")

    async def wait_for(self, text):
        shown = ""
        for _ in range(100):
            shown = await self.evaluate("document.body.innerText") or ""
            if text in shown:
                return True, shown
            await asyncio.sleep(0.1)
        return False, shown

    async def type(self, text):
        await self.evaluate(
            "(() => { const input = document.querySelector('input');"
            f" input.value = {json.dumps(text)};"
            " input.form.requestSubmit(); })()"
        )

    async def lines(self, selector):
        texts = await self.evaluate(
            f"Array.from(document.querySelectorAll({json.dumps(selector)}))"
            " .map(element => element.innerText.replace(/\\s*\\n\\s*/g, ' '))"
        )
        return texts or []

    def quit(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)


async def main(url):
    browser = Browser()
    try:
        await browser.open(url)
        say(f"opened {url}")
        async for verb, rest in commands():
            if verb == "wait-for":
                found, shown = await browser.wait_for(rest)
                if found:
                    say(f"seen {rest}")
                else:
                    say(f"missing {rest}; the page shows: {shown!r}")
            elif verb == "type":
                await browser.type(rest)
                say(f"typed {rest}")
            elif verb == "lines":
                for text in await browser.lines(rest):
                    say(f"line {text}")
                say("lines end")
            elif verb == "quit":
                break
            else:
                raise ValueError(f"unknown command {verb!r}")
    finally:
        browser.quit()
    say("quit")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    run(main(sys.argv[1]))
