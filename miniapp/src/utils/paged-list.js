// State of a list that loads page by page ({ totalCount, items } pages from
// 1), for infinite scroll with the state-list component.
import { reactive } from 'vue'

/**
 * Returns a reactive list state with reload() (from page 1) and loadMore()
 * (the next page, ignored while loading or when every item is loaded).
 * `fetchPage(page)` resolves with { totalCount, items }.
 */
export function usePagedList(fetchPage) {
  const state = reactive({
    items: [],
    total: null,
    page: 0,
    loading: false,
    loadingMore: false,
    error: '',
    moreError: '',
    finished: false,
  })
  // Only the newest reload may fill the list, so a slow earlier response for
  // other filters cannot overwrite it.
  let generation = 0

  async function reload() {
    generation += 1
    const mine = generation
    Object.assign(state, { loading: true, error: '', moreError: '', finished: false, page: 0 })
    try {
      const result = await fetchPage(1)
      if (mine !== generation) return
      Object.assign(state, {
        items: result.items,
        total: result.totalCount,
        page: 1,
        finished: result.items.length >= result.totalCount,
      })
    } catch (error) {
      if (mine === generation) state.error = error.message || '加载失败，请重试'
    } finally {
      if (mine === generation) state.loading = false
    }
  }

  async function loadMore() {
    if (state.loading || state.loadingMore || state.finished || state.page === 0) return
    const mine = generation
    state.loadingMore = true
    state.moreError = ''
    try {
      const result = await fetchPage(state.page + 1)
      if (mine !== generation) return
      state.items = [...state.items, ...result.items]
      state.total = result.totalCount
      state.page += 1
      state.finished = result.items.length === 0 || state.items.length >= result.totalCount
    } catch (error) {
      if (mine === generation) state.moreError = error.message || '加载失败'
    } finally {
      state.loadingMore = false
    }
  }

  state.reload = reload
  state.loadMore = loadMore
  return state
}

/** Masks the middle of an ID or phone number as the API does in lists. */
export function maskNumber(value) {
  const text = String(value || '')
  if (text.length <= 7) return text
  return `${text.slice(0, 3)}${'*'.repeat(text.length - 7)}${text.slice(-4)}`
}
