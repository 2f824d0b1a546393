// Loads the WeChat build of the wallet page in miniprogram-simulate with
// a stubbed wx.request that returns GraphQL responses, and checks what it
// renders. `npm test` first builds dist/test/mp-weixin with GRAPHQL_URL as
// the API address. The stub serves every request, so nothing leaves the process.
const { test, before } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

require('global-jsdom/register')

const BUILD = path.join(__dirname, '..', 'dist', 'test', 'mp-weixin')
const GRAPHQL_URL = 'https://graphql.test.invalid/graphql'

const ME = {
  username: 'legalrep',
  displayName: '陈建国',
  role: 'LEGAL_REPRESENTATIVE',
  units: [
    {
      unit: { id: '1', number: '33030200001', creditCode: '91330302MA2J7KQ15N', name: '温州瓯越示范科技有限公司' },
      role: 'LEGAL_REPRESENTATIVE',
      credentials: [
        { kind: 'BUSINESS_LICENCE', holderName: '陈建国' },
        { kind: 'DIGITAL_CERTIFICATE', holderName: '陈建国' },
      ],
    },
    {
      unit: { id: '2', number: '33030400002', creditCode: '91330304MA2J7KQ26X', name: '温州瓯海示范商贸有限公司' },
      role: 'OPERATOR',
      credentials: [],
    },
  ],
}

// GraphQL requests the page sent, as { query, variables, header }.
const requests = []
const storage = { authToken: 'token-from-login' }

function stubRequest({ url, data, header, success, complete }) {
  requests.push({ ...data, url, header })
  const response = { statusCode: 200, header: {}, data: { data: { me: ME } } }
  setTimeout(() => {
    if (success) success(response)
    if (complete) complete(response)
  }, 0)
  return { abort() {} }
}

// The uni runtime in common/vendor.js reads these at require time.
function installMiniProgramGlobals() {
  global.Event = window.Event
  global.CustomEvent = window.CustomEvent
  global.wx = {
    request: stubRequest,
    getStorageSync: (key) => storage[key] || '',
    setStorageSync: (key, value) => {
      storage[key] = value
    },
    removeStorageSync: (key) => {
      delete storage[key]
    },
    getSystemInfoSync: () => ({ platform: 'devtools', windowWidth: 375, pixelRatio: 2, language: 'zh_CN' }),
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2 }),
    getDeviceInfo: () => ({ platform: 'devtools' }),
    getAppBaseInfo: () => ({ language: 'zh_CN', SDKVersion: '3.0.0' }),
    showToast() {},
    navigateTo() {},
    reLaunch() {},
  }
  let app = null
  global.App = (options) => {
    app = options
  }
  global.getApp = () => app
  global.getCurrentPages = () => []
}

function flush() {
  return new Promise((resolve) => setTimeout(resolve, 20))
}

let simulate
before(() => {
  assert.ok(
    fs.existsSync(path.join(BUILD, 'pages', 'wallet', 'wallet.js')),
    `missing ${BUILD}; run npm test, which builds it`,
  )
  installMiniProgramGlobals()
  simulate = require('miniprogram-simulate')
  // vendor.js reads Page at require time, though its wx.createPage registers
  // pages with Component(), which simulate defines.
  global.Page = global.Component
  require(path.join(BUILD, 'app.js'))
})

test('wallet lists each credential of each unit', async () => {
  const id = simulate.load(path.join(BUILD, 'pages', 'wallet', 'wallet'), { compiler: 'simulate', rootPath: BUILD })
  const page = simulate.render(id)
  page.attach(document.createElement('parent-wrapper'))
  // simulate renders components, so the page lifecycle is called by hand.
  page.instance.onLoad({})
  page.instance.onShow()
  await flush()

  assert.equal(requests.length, 1)
  assert.equal(requests[0].url, GRAPHQL_URL)
  assert.match(requests[0].query, /credentials \{ kind holderName \}/)
  assert.equal(requests[0].header.Authorization, 'Bearer token-from-login')

  const text = page.dom.textContent
  assert.match(text, /陈建国，您好/)
  assert.match(text, /温州瓯越示范科技有限公司/)
  assert.match(text, /温州瓯海示范商贸有限公司/)
  assert.equal(text.match(/电子营业执照/g).length, 1)
  assert.equal(text.match(/数字法人证书/g).length, 1)
  assert.match(text, /持证人：陈建国/)
  assert.match(text, /该单位暂无电子证照/)
  assert.match(text, /证照管理员/)
})
