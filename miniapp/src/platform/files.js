// Picking a file and sending it with a GraphQL mutation (the GraphQL
// multipart request spec: form fields `operations` and `map`, then the files
// under the names used in `map`). What each platform offers:
//
// - H5: a file input, any number of files per request (XMLHttpRequest).
// - WeChat: uni.chooseMessageFile picks a document or picture from a chat,
//   uni.chooseImage a photo; uni.uploadFile sends one file per request.
// - Alipay: only uni.chooseImage (photos), one file per request; documents
//   such as .xlsx cannot be picked, so batch import is left to H5 and WeChat.
import { GraphQLRequestError, getToken, graphqlUrl, responseData, showNetworkError } from '../http/graphql.js'

/** Extensions the API accepts for declaration materials. */
export const MATERIAL_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png', 'xlsx', 'xls']
/** Extensions the API accepts for batch imports. */
export const WORKBOOK_EXTENSIONS = ['xlsx', 'xls']

// #ifdef H5
export const CAN_PICK_DOCUMENTS = true
export const MAX_FILES_PER_REQUEST = 20
// #endif
// #ifdef MP-WEIXIN
export const CAN_PICK_DOCUMENTS = true
export const MAX_FILES_PER_REQUEST = 1
// #endif
// #ifdef MP-ALIPAY
export const CAN_PICK_DOCUMENTS = false
export const MAX_FILES_PER_REQUEST = 1
// #endif

/**
 * Builds a picked file: `name` and `size` to show, and either `file` (an H5
 * File) or `path` (a mini-program temporary path) to upload.
 */
function pickedFile(name, size, source) {
  return { name, size, ...source }
}

// #ifdef H5
function pickWithInput(accept) {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.style.display = 'none'
    input.addEventListener('change', () => {
      const file = input.files && input.files[0]
      input.remove()
      if (file) resolve(pickedFile(file.name, file.size, { file }))
      else reject(new Error('未选择文件'))
    })
    document.body.appendChild(input)
    input.click()
  })
}
// #endif

// #ifndef H5
function pickPhoto() {
  return new Promise((resolve, reject) => {
    uni.chooseImage({
      count: 1,
      sizeType: ['compressed'],
      success: ({ tempFiles, tempFilePaths }) => {
        const path = tempFilePaths[0]
        const size = tempFiles && tempFiles[0] ? tempFiles[0].size : 0
        resolve(pickedFile(path.split('/').pop(), size, { path }))
      },
      fail: reject,
    })
  })
}
// #endif

/**
 * Lets the user pick one file with one of `extensions`. With `photo` true a
 * mini-program opens the camera or album instead of the chat file list, and
 * H5 accepts any picture besides the extensions.
 * Rejects when the user cancels or the platform cannot pick such a file.
 */
export function chooseFile({ extensions, photo = false }) {
  // #ifdef H5
  // With `photo` a phone browser also offers the camera, and documents of
  // the listed extensions stay selectable.
  const accepted = extensions.map((extension) => `.${extension}`)
  if (photo) accepted.push('image/*')
  return pickWithInput(accepted.join(','))
  // #endif
  // #ifdef MP-WEIXIN
  if (photo) return pickPhoto()
  return new Promise((resolve, reject) => {
    uni.chooseMessageFile({
      count: 1,
      type: 'file',
      extension: extensions,
      success: ({ tempFiles }) => {
        const file = tempFiles[0]
        resolve(pickedFile(file.name, file.size, { path: file.path }))
      },
      fail: reject,
    })
  })
  // #endif
  // #ifdef MP-ALIPAY
  if (photo || extensions.some((extension) => ['jpg', 'png'].includes(extension))) return pickPhoto()
  return Promise.reject(new Error('支付宝小程序不能选择此类文件，请在电脑浏览器中办理'))
  // #endif
}

// `files` is a list of { variable, file } where `variable` is the path of an
// Upload variable such as `variables.file` or `variables.input.materials.0.file`.
function multipartFields(query, variables, files) {
  const map = {}
  files.forEach(({ variable }, index) => {
    map[String(index)] = [variable]
  })
  return { operations: JSON.stringify({ query, variables }), map: JSON.stringify(map) }
}

function networkError(failure) {
  showNetworkError(failure)
  return new GraphQLRequestError('网络连接失败，请检查网络后重试', { code: 'NETWORK_ERROR', handled: true })
}

/**
 * Sends a GraphQL mutation with files and resolves with its `data`, as
 * graphql() does. The Upload variables must be null in `variables`.
 * Mini-programs reject more than one file, because uni.uploadFile sends one.
 */
export function uploadGraphQL(query, variables, files) {
  const fields = multipartFields(query, variables, files)
  const token = getToken()
  const url = graphqlUrl()
  if (!url) {
    return Promise.reject(new GraphQLRequestError('未配置接口地址，请在 .env 中设置 VITE_GRAPHQL_URL', { code: 'NOT_CONFIGURED' }))
  }
  if (files.length > MAX_FILES_PER_REQUEST) {
    return Promise.reject(
      new GraphQLRequestError(`小程序每次只能上传${MAX_FILES_PER_REQUEST}个文件，请在电脑浏览器中上传多份材料`, {
        code: 'TOO_MANY_FILES',
      }),
    )
  }

  // #ifdef H5
  return new Promise((resolve, reject) => {
    const form = new FormData()
    form.append('operations', fields.operations)
    form.append('map', fields.map)
    files.forEach(({ file }, index) => form.append(String(index), file.file, file.name))
    const request = new XMLHttpRequest()
    request.open('POST', url)
    if (token) request.setRequestHeader('Authorization', `Bearer ${token}`)
    request.onload = () => {
      try {
        resolve(responseData(request.status, request.responseText))
      } catch (error) {
        reject(error)
      }
    }
    request.onerror = () => reject(networkError(request.statusText))
    request.send(form)
  })
  // #endif
  // #ifndef H5
  return new Promise((resolve, reject) => {
    const header = token ? { Authorization: `Bearer ${token}` } : {}
    const upload = {
      url,
      header,
      formData: fields,
      success: ({ statusCode, data }) => {
        try {
          resolve(responseData(statusCode, data))
        } catch (error) {
          reject(error)
        }
      },
      fail: (failure) => reject(networkError(failure)),
    }
    if (files.length === 1) {
      upload.filePath = files[0].file.path
      upload.name = '0'
      // NOTE: Alipay's my.uploadFile names a fileType; uni passes `image`,
      // which matches the photos that Alipay can pick. Not tried on a device.
      upload.fileType = 'image'
    }
    uni.uploadFile(upload)
  })
  // #endif
}

/**
 * Opens a file that the server offers at `url`, a path on the API's host.
 * H5 lets the browser download it. Mini-programs download it and open it in
 * the system viewer with uni.openDocument.
 */
export function openDownload(url) {
  // #ifdef H5
  window.open(url, '_blank')
  return Promise.resolve()
  // #endif
  // #ifndef H5
  const origin = graphqlUrl().replace(/\/graphql\/?$/, '')
  return new Promise((resolve, reject) => {
    uni.downloadFile({
      url: url.startsWith('http') ? url : `${origin}${url}`,
      header: { Authorization: `Bearer ${getToken()}` },
      success: ({ tempFilePath }) => uni.openDocument({ filePath: tempFilePath, success: resolve, fail: reject }),
      fail: reject,
    })
  })
  // #endif
}
