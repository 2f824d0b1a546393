// Follows pending declarations until a reviewer decides them. The API has
// no subscription for review results yet, so this polls
// Query.declarations(status: PENDING).
// TODO(miniapp): subscribe first, and keep polling as the fallback, once the
// API publishes review results.
import { onHide, onShow, onUnload } from '@dcloudio/uni-app'
import { fetchDeclarations } from '../api/declaration.js'

/** Seconds between two polls while a page shows pending declarations. */
export const REVIEW_POLL_SECONDS = 4

/**
 * Polls while the page is shown and calls `onDecided(ids)` with the ids of
 * the declarations in `pendingIds()` that are no longer pending.
 */
export function useReviewWatch(pendingIds, onDecided) {
  let timer = null

  async function poll() {
    timer = null
    const watched = pendingIds()
    if (watched.length > 0) {
      try {
        const page = await fetchDeclarations({ status: 'PENDING' }, 1, 100)
        const stillPending = new Set(page.items.map((item) => item.id))
        // A unit with more than 100 pending declarations may see some
        // reported late; they come as the first 100 are decided.
        const decided = page.totalCount > 100 ? [] : watched.filter((id) => !stillPending.has(id))
        if (decided.length > 0) onDecided(decided)
      } catch (error) {
        console.error('review poll failed', error.code)
      }
    }
    schedule()
  }

  function schedule() {
    if (!timer) timer = setTimeout(poll, REVIEW_POLL_SECONDS * 1000)
  }

  function stop() {
    if (timer) clearTimeout(timer)
    timer = null
  }

  onShow(schedule)
  onHide(stop)
  onUnload(stop)
}
