// GraphQL subscriptions over the graphql-transport-ws protocol, on
// uni.connectSocket so the H5, WeChat and Alipay builds share one client.
// Each subscription opens its own socket: a page follows one subscription at
// a time, and WeChat allows at most five sockets per mini-program.
import { getToken, graphqlUrl } from './graphql.js'

const PROTOCOL = 'graphql-transport-ws'
const SUBSCRIPTION_ID = '1'
// The server closes a socket that sends no connection_init within its own
// wait time, so a socket without connection_ack after this long has failed.
const ACK_TIMEOUT_MS = 10000
// Proxies and mobile networks drop sockets that carry nothing for a minute
// or so; a ping keeps the connection in use.
const PING_INTERVAL_MS = 25000

/** Returns the websocket address of the GraphQL endpoint, or '' when a mini-program build has none. */
export function subscriptionUrl() {
  const url = graphqlUrl()
  // #ifdef H5
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${window.location.host}${url}`
  // #endif
  // #ifndef H5
  // https://host/graphql becomes wss://host/graphql. The domain must also be
  // registered as a socket domain in the WeChat or Alipay console.
  return url.replace(/^http/, 'ws')
  // #endif
}

// WeChat and H5 pass { data: text } to onMessage. NOTE: uni-app does not
// document Alipay's message event, so a nested { data: { data: text } } is
// accepted too. No Alipay device has run this path.
function messageText(event) {
  let data = event && event.data
  if (data && typeof data === 'object' && typeof data.data === 'string') data = data.data
  return typeof data === 'string' ? data : ''
}

/**
 * Subscribes to one GraphQL subscription and returns { close() }.
 *
 * Handlers, all optional:
 * - `connected()` once the server acknowledged the connection and the
 *   subscription is sent;
 * - `next(data)` with the `data` of each result;
 * - `complete()` when the server ends the subscription;
 * - `failed(error)` once when the socket cannot connect, closes or the
 *   server sends errors. `error` is { code, message, errors } with code
 *   NOT_CONFIGURED, SOCKET_ERROR, SOCKET_CLOSED, ACK_TIMEOUT or
 *   GRAPHQL_ERROR. A page falls back to polling then.
 *
 * No handler runs after close(), complete() or failed().
 */
export function subscribe(query, variables, handlers = {}) {
  const { connected = () => {}, next = () => {}, complete = () => {}, failed = () => {} } = handlers
  let finished = false
  let socket = null
  let ackTimer = null
  let pingTimer = null

  function stopTimers() {
    clearTimeout(ackTimer)
    clearInterval(pingTimer)
    ackTimer = null
    pingTimer = null
  }

  function finish() {
    finished = true
    stopTimers()
    if (socket) socket.close({ code: 1000 })
  }

  function fail(code, message, errors = []) {
    if (finished) return
    finish()
    console.error('GraphQL subscription failed', code, message)
    failed({ code, message, errors })
  }

  function send(message) {
    socket.send({ data: JSON.stringify(message) })
  }

  function receive(event) {
    if (finished) return
    let message
    try {
      message = JSON.parse(messageText(event))
    } catch {
      fail('SOCKET_ERROR', 'invalid message from the server')
      return
    }
    switch (message.type) {
      case 'connection_ack':
        clearTimeout(ackTimer)
        send({ id: SUBSCRIPTION_ID, type: 'subscribe', payload: { query, variables } })
        pingTimer = setInterval(() => send({ type: 'ping' }), PING_INTERVAL_MS)
        connected()
        break
      case 'ping':
        send({ type: 'pong' })
        break
      case 'next': {
        const payload = message.payload || {}
        if (Array.isArray(payload.errors) && payload.errors.length > 0) {
          fail('GRAPHQL_ERROR', payload.errors[0].message, payload.errors)
        } else if (payload.data) {
          next(payload.data)
        }
        break
      }
      case 'error': {
        const errors = Array.isArray(message.payload) ? message.payload : []
        fail('GRAPHQL_ERROR', errors[0] ? errors[0].message : 'subscription rejected', errors)
        break
      }
      case 'complete':
        finish()
        complete()
        break
      default:
        // pong and message types of later protocol versions need no action.
        break
    }
  }

  const url = subscriptionUrl()
  if (!url.startsWith('ws')) {
    // Reported after returning, so the caller has the handle before failed() runs.
    setTimeout(() => fail('NOT_CONFIGURED', 'no GraphQL address configured'), 0)
    return { close: finish }
  }

  socket = uni.connectSocket({
    url,
    protocols: [PROTOCOL],
    // Alipay returns a SocketTask only with multiple: true; the others ignore it.
    multiple: true,
    fail: (failure) => fail('SOCKET_ERROR', (failure && failure.errMsg) || 'connectSocket failed'),
  })
  socket.onOpen(() => {
    if (finished) return
    const token = getToken()
    send({ type: 'connection_init', payload: token ? { Authorization: `Bearer ${token}` } : {} })
  })
  socket.onMessage(receive)
  socket.onError((event) => fail('SOCKET_ERROR', (event && event.errMsg) || 'socket error'))
  socket.onClose((event) => {
    const code = event && event.code
    fail('SOCKET_CLOSED', `socket closed${code ? ` with code ${code}` : ''}`)
  })
  ackTimer = setTimeout(() => fail('ACK_TIMEOUT', `no connection_ack within ${ACK_TIMEOUT_MS} ms`), ACK_TIMEOUT_MS)

  return { close: finish }
}
