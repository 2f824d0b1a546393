// GraphQL client over uni.request, shared by the H5, WeChat and Alipay builds.

export const TOKEN_STORAGE_KEY = 'authToken'
export const LOGIN_PAGE = '/pages/login/login'

// The H5 build is served from the API's own origin, so it needs neither an
// absolute URL nor CORS. Mini-programs must call an absolute HTTPS address
// that is registered as a request domain in the WeChat or Alipay console.
// #ifdef H5
const GRAPHQL_URL = '/graphql'
// #endif
// #ifndef H5
const GRAPHQL_URL = import.meta.env.VITE_GRAPHQL_URL || ''
// #endif

/**
 * Error raised for a failed request: a network failure, an HTTP error status
 * or a GraphQL-level error. `code` is the first error's `extensions.code`
 * (for example UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, INTERNAL) or
 * NETWORK_ERROR / HTTP_ERROR / NOT_CONFIGURED. `handled` is true when the
 * client already showed a toast or redirected, so pages need not show it again.
 */
export class GraphQLRequestError extends Error {
  constructor(message, { code, errors = [], statusCode = null, handled = false } = {}) {
    super(message)
    this.name = 'GraphQLRequestError'
    this.code = code
    this.errors = errors
    this.statusCode = statusCode
    this.handled = handled
  }
}

export function getToken() {
  return uni.getStorageSync(TOKEN_STORAGE_KEY) || ''
}

export function setToken(token) {
  uni.setStorageSync(TOKEN_STORAGE_KEY, token)
}

export function clearToken() {
  uni.removeStorageSync(TOKEN_STORAGE_KEY)
}

function currentRoute() {
  const pages = getCurrentPages()
  const page = pages[pages.length - 1]
  return page ? `/${page.route}` : ''
}

function redirectToLogin() {
  clearToken()
  if (currentRoute() !== LOGIN_PAGE) {
    uni.reLaunch({ url: LOGIN_PAGE })
  }
}

function showErrorToast(title) {
  uni.showToast({ title, icon: 'none', duration: 3000 })
}

function sendRequest(body, token) {
  const header = { 'Content-Type': 'application/json' }
  if (token) {
    header.Authorization = `Bearer ${token}`
  }
  return new Promise((resolve, reject) => {
    uni.request({
      url: GRAPHQL_URL,
      method: 'POST',
      header,
      data: body,
      dataType: 'json',
      success: resolve,
      fail: reject,
    })
  })
}

// Turn GraphQL-level errors into one GraphQLRequestError. UNAUTHENTICATED
// sends the user to the login page, FORBIDDEN and INTERNAL show a toast, and
// other codes (such as BAD_USER_INPUT) are left for the calling page to show.
function toRequestError(errors, statusCode) {
  const codes = errors.map((error) => error.extensions && error.extensions.code)
  const first = errors[0]
  const options = { errors, statusCode, code: codes[0] || 'GRAPHQL_ERROR' }

  if (codes.includes('UNAUTHENTICATED')) {
    redirectToLogin()
    return new GraphQLRequestError('登录已失效，请重新登录', {
      ...options,
      code: 'UNAUTHENTICATED',
      handled: true,
    })
  }
  if (codes.includes('FORBIDDEN')) {
    const forbidden = errors[codes.indexOf('FORBIDDEN')]
    const message = forbidden.message || '没有权限执行此操作'
    showErrorToast(message)
    return new GraphQLRequestError(message, { ...options, code: 'FORBIDDEN', handled: true })
  }
  if (codes.includes('INTERNAL')) {
    // The server hides the text of internal errors, so show a fixed message.
    const message = '服务器内部错误，请稍后重试'
    showErrorToast(message)
    return new GraphQLRequestError(message, { ...options, code: 'INTERNAL', handled: true })
  }
  return new GraphQLRequestError(first.message || '请求失败', options)
}

/**
 * Sends one GraphQL operation and resolves with its `data`, so pages can show
 * the payload `errors` ({ field, code, message }) beside the form fields.
 * Rejects with GraphQLRequestError when the response has GraphQL-level errors
 * or no data. `options.token` replaces the token stored by setToken().
 */
export async function graphql(query, variables = {}, { token } = {}) {
  if (!GRAPHQL_URL) {
    const message = '未配置接口地址，请在 .env 中设置 VITE_GRAPHQL_URL'
    showErrorToast(message)
    throw new GraphQLRequestError(message, { code: 'NOT_CONFIGURED', handled: true })
  }

  let response
  try {
    response = await sendRequest({ query, variables }, token || getToken())
  } catch (failure) {
    const message = '网络连接失败，请检查网络后重试'
    console.error('GraphQL request failed', GRAPHQL_URL, failure)
    showErrorToast(message)
    throw new GraphQLRequestError(message, { code: 'NETWORK_ERROR', handled: true })
  }

  return responseData(response.statusCode, response.data)
}

/**
 * Returns the `data` of a GraphQL response, or throws GraphQLRequestError for
 * GraphQL-level errors, an HTTP error status or a body without data. `data`
 * may be a string: mini-program runtimes return one for a body that is not
 * JSON, and their uploadFile always does.
 */
export function responseData(statusCode, data) {
  let body = data
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body)
    } catch {
      body = {}
    }
  }
  if (typeof body !== 'object' || body === null) body = {}

  if (Array.isArray(body.errors) && body.errors.length > 0) {
    console.error('GraphQL errors', statusCode, body.errors)
    throw toRequestError(body.errors, statusCode)
  }
  if (statusCode < 200 || statusCode >= 300 || !body.data) {
    const message = `服务器返回异常 (HTTP ${statusCode})，请稍后重试`
    console.error('GraphQL HTTP error', statusCode, data)
    showErrorToast(message)
    throw new GraphQLRequestError(message, { code: 'HTTP_ERROR', statusCode, handled: true })
  }
  return body.data
}

/** Return the GraphQL endpoint of this build, or '' when a mini-program build has none. */
export function graphqlUrl() {
  return GRAPHQL_URL
}

/** Shows the toast for a failed network request, as graphql() does. */
export function showNetworkError(failure) {
  console.error('GraphQL request failed', GRAPHQL_URL, failure)
  showErrorToast('网络连接失败，请检查网络后重试')
}
