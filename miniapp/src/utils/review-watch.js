// Follows the unit's declarations while a page is shown. Review results
// arrive through Subscription.declarationUpdates as soon as the reviewer
// decides. When the socket fails or closes, the page polls
// Query.declarations(status: PENDING) instead and tries the socket again
// later.
import { ref } from 'vue'
import { onHide, onShow, onUnload } from '@dcloudio/uni-app'
import { fetchDeclarations, subscribeDeclarationUpdates } from '../api/declaration.js'

/** Seconds between two polls while the subscription is down. */
export const REVIEW_POLL_SECONDS = 10

// The server pushes events of other processes only when it runs with Redis,
// so a slow poll also runs while the subscription is connected.
const CONNECTED_POLL_SECONDS = 60
// The first retry of the socket waits this long, and each failed retry
// doubles the wait up to RECONNECT_MAX_SECONDS.
const RECONNECT_SECONDS = 15
const RECONNECT_MAX_SECONDS = 300
// Query.declarations caps a page at 100 items.
const POLL_PAGE_SIZE = 100

/**
 * Watches the declarations in `pendingIds()` while the page is shown.
 *
 * Calls `onUpdate(declaration)` with each declaration summary that the
 * server pushes, which includes withdrawals and declarations not on the
 * page. Calls `onDecided(ids)` when a poll finds that some watched ids are
 * no longer pending. Returns `{ connected }`, a ref that is true while the
 * subscription is connected.
 */
export function useReviewWatch(pendingIds, { onUpdate, onDecided }) {
  const connected = ref(false)
  let subscription = null
  let pollTimer = null
  let reconnectTimer = null
  let reconnectSeconds = RECONNECT_SECONDS
  let pageShown = false

  async function poll() {
    pollTimer = null
    const watched = pendingIds()
    if (watched.length > 0) {
      try {
        const page = await fetchDeclarations({ status: 'PENDING' }, 1, POLL_PAGE_SIZE)
        const stillPending = new Set(page.items.map((item) => item.id))
        // A unit with more than 100 pending declarations may see some
        // reported late; they come as the first 100 are decided.
        const decided = page.totalCount > POLL_PAGE_SIZE ? [] : watched.filter((id) => !stillPending.has(id))
        if (decided.length > 0 && pageShown) onDecided(decided)
      } catch (error) {
        console.error('review poll failed', error.code)
      }
    }
    schedulePoll()
  }

  function schedulePoll() {
    if (!pageShown || pollTimer) return
    const seconds = connected.value ? CONNECTED_POLL_SECONDS : REVIEW_POLL_SECONDS
    pollTimer = setTimeout(poll, seconds * 1000)
  }

  function stopPoll() {
    clearTimeout(pollTimer)
    pollTimer = null
  }

  function connect() {
    reconnectTimer = null
    subscription = subscribeDeclarationUpdates({
      connected() {
        connected.value = true
        reconnectSeconds = RECONNECT_SECONDS
        // One poll catches the decisions made while no socket was open.
        stopPoll()
        poll()
      },
      next: onUpdate,
      complete() {
        // declarationUpdates runs until the client stops it, so the server
        // ended it while shutting down.
        disconnected()
      },
      failed() {
        disconnected()
      },
    })
  }

  function disconnected() {
    subscription = null
    connected.value = false
    if (!pageShown) return
    stopPoll()
    schedulePoll()
    reconnectTimer = setTimeout(connect, reconnectSeconds * 1000)
    reconnectSeconds = Math.min(reconnectSeconds * 2, RECONNECT_MAX_SECONDS)
  }

  function start() {
    if (pageShown) return
    pageShown = true
    connect()
    schedulePoll()
  }

  function stop() {
    pageShown = false
    connected.value = false
    stopPoll()
    clearTimeout(reconnectTimer)
    reconnectTimer = null
    if (subscription) subscription.close()
    subscription = null
    reconnectSeconds = RECONNECT_SECONDS
  }

  onShow(start)
  onHide(stop)
  onUnload(stop)
  return { connected }
}
