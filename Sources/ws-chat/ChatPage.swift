/// The page a browser opens: a list of lines, a box to type in, and a few lines of
/// JavaScript using the browser's own `WebSocket`.
///
/// It is kept in the executable (not in a folder beside it) so that `swift run ws-chat`
/// serves it from wherever it is started. `?name=Ada` picks a name. The browser test
/// (Tests/InteropTests/BrowserChatTests.swift) types into its form as a person would.
enum ChatPage {
    static let html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>ws-chat</title>
        <style>
          body { font: 16px system-ui, sans-serif; max-width: 40em; margin: 2em auto; }
          #lines { list-style: none; padding: 0; min-height: 10em; border: 1px solid #ccc; }
          #lines li { padding: 0.2em 0.5em; }
          #lines li.notice { color: #777; font-style: italic; }
          form { display: flex; gap: 0.5em; } input { flex: 1; font: inherit; }
        </style>
        </head>
        <body>
        <h1>ws-chat</h1>
        <p id="status">connecting…</p>
        <ul id="lines"></ul>
        <form id="form"><input id="text" autocomplete="off" placeholder="say something">
        <button>Send</button></form>
        <script>
        const params = new URLSearchParams(location.search);
        const name = params.get("name") || "";
        const socket = new WebSocket(`ws://${location.host}/chat?name=${encodeURIComponent(name)}`);
        const lines = document.getElementById("lines");
        const status = document.getElementById("status");
        socket.onopen = () => {
          status.textContent = "connected";
        };
        socket.onmessage = (event) => {
          const item = document.createElement("li");
          item.textContent = event.data;
          if (event.data.startsWith("* ")) item.className = "notice";
          lines.appendChild(item);
        };
        socket.onclose = (event) => { status.textContent = `closed (${event.code})`; };
        document.getElementById("form").onsubmit = (event) => {
          event.preventDefault();
          const input = document.getElementById("text");
          if (input.value) socket.send(input.value);
          input.value = "";
        };
        </script>
        </body>
        </html>
        """
}
