// Starts GraphiQL inside the page that render_page() in graph/graphiql/__init__.py
// builds, and adds the bearer token from the token bar to every request.
(function () {
  "use strict";

  const TOKEN_STORAGE_KEY = "graph.graphiql.bearer-token";

  const DEFAULT_QUERY = [
    "# 社保网上服务 GraphQL 调试台",
    "#",
    "# 1. 执行 login mutation，复制返回的令牌。",
    "# 2. 把令牌粘贴到页面上方的“访问令牌”输入框。",
    "# 此后的请求都带 Authorization: Bearer <令牌>，",
    "# 订阅的 connection_init 消息也带这个字段。",
    "#",
    "# Ctrl-Enter 执行，Shift-Ctrl-P 格式化，",
    "# Ctrl-Space 自动补全。",
    "",
    "",
  ].join("\n");

  const container = document.getElementById("graphiql");
  const form = document.getElementById("token-bar");
  const input = document.getElementById("token-input");
  const clearButton = document.getElementById("token-clear");
  const status = document.getElementById("token-status");

  // The token also lives in memory because localStorage throws when the browser
  // blocks storage, and the page should still work for the current visit.
  let token = readStoredToken();

  function readStoredToken() {
    try {
      return window.localStorage.getItem(TOKEN_STORAGE_KEY) || "";
    } catch (error) {
      console.warn("localStorage is not available, the token is kept in memory only", error);
      return "";
    }
  }

  function storeToken(value) {
    try {
      if (value) {
        window.localStorage.setItem(TOKEN_STORAGE_KEY, value);
      } else {
        window.localStorage.removeItem(TOKEN_STORAGE_KEY);
      }
    } catch (error) {
      console.warn("localStorage is not available, the token is kept in memory only", error);
    }
  }

  // Bearer tokens never contain whitespace (RFC 6750 b64token), so line breaks
  // picked up while copying are dropped, as is a pasted "Bearer " prefix.
  function normalizeToken(value) {
    return value.trim().replace(/^bearer\s+/i, "").replace(/\s+/g, "");
  }

  function showStatus() {
    status.textContent = token
      ? "已设置：请求带 Authorization 请求头"
      : "未设置：请求不带 Authorization 请求头";
  }

  function hasHeader(headers, name) {
    const expected = name.toLowerCase();
    return Object.keys(headers).some((key) => key.toLowerCase() === expected);
  }

  function toWebSocketUrl(httpUrl) {
    const url = new URL(httpUrl);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    return url.href;
  }

  function createFetcher() {
    const endpointUrl = new URL(container.dataset.endpoint, window.location.href).href;
    // The server accepts HTTP and graphql-transport-ws WebSocket requests on one path.
    const baseFetcher = GraphiQL.createFetcher({
      url: endpointUrl,
      subscriptionUrl: toWebSocketUrl(endpointUrl),
    });

    // createFetcher sends options.headers as HTTP headers and, for subscriptions,
    // merges them into the connection_init payload, so one place covers both.
    // An Authorization header typed into GraphiQL's headers editor takes precedence.
    return function fetchWithToken(graphQLParams, options) {
      const headers = Object.assign({}, options && options.headers);
      if (token && !hasHeader(headers, "Authorization")) {
        headers.Authorization = "Bearer " + token;
      }
      return baseFetcher(graphQLParams, Object.assign({}, options, { headers: headers }));
    };
  }

  if (!window.React || !window.ReactDOM || !window.GraphiQL) {
    container.textContent =
      "GraphiQL 脚本加载失败：请检查服务器能否提供 static 目录中的 react、react-dom 和 graphiql 文件。";
    return;
  }

  const root = ReactDOM.createRoot(container);

  // A new fetcher makes GraphiQL fetch the schema again, now with the new token.
  function renderGraphiQL() {
    root.render(
      React.createElement(GraphiQL, {
        fetcher: createFetcher(),
        defaultQuery: DEFAULT_QUERY,
      }),
    );
  }

  function applyToken(value) {
    const normalized = normalizeToken(value);
    if (normalized === token) {
      return false;
    }
    token = normalized;
    storeToken(token);
    showStatus();
    return true;
  }

  input.value = token;
  showStatus();

  // Requests read `token` when they are sent, so "input" only stores it, and the
  // schema is fetched again on "change", once the user has finished pasting.
  input.addEventListener("input", () => applyToken(input.value));
  input.addEventListener("change", () => {
    applyToken(input.value);
    input.value = token;
    renderGraphiQL();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
  });
  clearButton.addEventListener("click", () => {
    input.value = "";
    if (applyToken("")) {
      renderGraphiQL();
    }
    input.focus();
  });

  renderGraphiQL();
})();
