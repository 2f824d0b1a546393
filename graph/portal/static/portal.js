// Scan-login portal: shows a login QR code and follows it until the licence
// holder confirms in the mini-program. Status arrives over a graphql-transport-ws
// subscription; when websockets fail the page polls the loginTicket query.
"use strict";

const ENDPOINT = "/graphql";
const POLL_INTERVAL_MS = 1000;
const TOKEN_KEY = "portalToken";

const STATUS_TEXT = {
  WAITING: "请扫描二维码",
  SCANNED: "已扫码，请在小程序中确认登录",
  CONFIRMED: "已确认，正在登录…",
  CANCELLED: "已在小程序中取消登录",
  EXPIRED: "二维码已过期，请刷新",
};

const CREATE = `mutation { createLoginTicket { ticket secret qrContent expiresAt qrSvg } }`;
const POLL = `query Poll($ticket: String!, $secret: String!) {
  loginTicket(ticket: $ticket, secret: $secret) { status token } }`;
const WATCH = `subscription Watch($ticket: String!, $secret: String!) {
  loginTicketStatus(ticket: $ticket, secret: $secret) { status token } }`;
const ME = `{ me { displayName unit { name } } }`;

const element = (id) => document.getElementById(id);
let stopFollowing = () => {};
let countdownTimer = null;

async function graphql(query, variables, token) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(ENDPOINT, {
    method: "POST",
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(body.errors[0].message);
  return body.data;
}

function showStatus(text) {
  element("status").textContent = text;
}

function finishWithError(message) {
  stopFollowing();
  showStatus(message);
  element("refresh").hidden = false;
}

async function handleState(state) {
  showStatus(STATUS_TEXT[state.status] || state.status);
  if (state.status === "CONFIRMED" && state.token) {
    stopFollowing();
    sessionStorage.setItem(TOKEN_KEY, state.token);
    await showLoggedIn(state.token);
    return true;
  }
  if (state.status === "CANCELLED" || state.status === "EXPIRED") {
    finishWithError(STATUS_TEXT[state.status]);
    return true;
  }
  return false;
}

function followBySubscription(ticket, secret) {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const socket = new WebSocket(`${scheme}//${location.host}${ENDPOINT}`, "graphql-transport-ws");
  let finished = false;
  socket.onopen = () => socket.send(JSON.stringify({ type: "connection_init", payload: {} }));
  socket.onmessage = async (event) => {
    const message = JSON.parse(event.data);
    if (message.type === "connection_ack") {
      socket.send(JSON.stringify({
        id: "ticket",
        type: "subscribe",
        payload: { query: WATCH, variables: { ticket, secret } },
      }));
    } else if (message.type === "next" && message.payload.data) {
      finished = await handleState(message.payload.data.loginTicketStatus);
    } else if (message.type === "next" || message.type === "error") {
      finished = true;
      const errors = message.payload.errors || message.payload;
      finishWithError(errors[0] ? errors[0].message : "登录状态获取失败");
    }
  };
  socket.onerror = () => {
    if (!finished) followByPolling(ticket, secret);
  };
  stopFollowing = () => {
    finished = true;
    socket.close();
  };
}

function followByPolling(ticket, secret) {
  let active = true;
  stopFollowing = () => {
    active = false;
  };
  const poll = async () => {
    if (!active) return;
    try {
      const data = await graphql(POLL, { ticket, secret });
      if (await handleState(data.loginTicket)) return;
    } catch (error) {
      finishWithError(error.message);
      return;
    }
    setTimeout(poll, POLL_INTERVAL_MS);
  };
  poll();
}

function startCountdown(expiresAt) {
  clearInterval(countdownTimer);
  const deadline = new Date(expiresAt).getTime();
  const tick = () => {
    const seconds = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    element("countdown").textContent = `二维码 ${Math.floor(seconds / 60)} 分 ${seconds % 60} 秒后过期`;
    if (seconds === 0) clearInterval(countdownTimer);
  };
  tick();
  countdownTimer = setInterval(tick, 1000);
}

async function showLoggedIn(token) {
  const data = await graphql(ME, {}, token);
  clearInterval(countdownTimer);
  element("login-panel").hidden = true;
  element("done-panel").hidden = false;
  element("unit-name").textContent = data.me.unit ? data.me.unit.name : "";
  element("display-name").textContent = data.me.displayName;
}

async function newTicket() {
  stopFollowing();
  element("refresh").hidden = true;
  showStatus("正在获取登录二维码…");
  try {
    const created = (await graphql(CREATE, {})).createLoginTicket;
    // The SVG is drawn by this server from the ticket alone, so it is safe markup.
    element("qr").innerHTML = created.qrSvg;
    element("qr").dataset.content = created.qrContent;
    element("qr-content").textContent = created.qrContent;
    startCountdown(created.expiresAt);
    showStatus(STATUS_TEXT.WAITING);
    if ("WebSocket" in window) {
      followBySubscription(created.ticket, created.secret);
    } else {
      followByPolling(created.ticket, created.secret);
    }
  } catch (error) {
    finishWithError(`获取二维码失败：${error.message}`);
  }
}

element("refresh").addEventListener("click", newTicket);
element("logout").addEventListener("click", async () => {
  const token = sessionStorage.getItem(TOKEN_KEY);
  sessionStorage.removeItem(TOKEN_KEY);
  if (token) {
    try {
      await graphql("mutation { logout { ok } }", {}, token);
    } catch (error) {
      // The session may have ended already; the page starts over either way.
    }
  }
  element("done-panel").hidden = true;
  element("login-panel").hidden = false;
  newTicket();
});

newTicket();
