// Input checks that the API runs too, so forms can show the same messages
// before sending. The API checks again and its field errors win.
import { isValidResidentId } from './resident-id.js'

/**
 * Returns `value` as the API reads a code: NFKC (full-width digits and
 * letters become ASCII), no spaces of any kind, letters upper-case.
 */
export function normalizeCode(value) {
  return String(value ?? '')
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\u2060\ufeff]/g, '')
    .toUpperCase()
}

/** Returns today's local date as YYYY-MM-DD. */
export function todayText() {
  const now = new Date()
  const pad = (number) => String(number).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** Returns the current month as YYYYMM. */
export function currentMonth() {
  return todayText().slice(0, 7).replace('-', '')
}

/** Returns true for a YYYY-MM-DD string naming a day that exists. */
export function isValidDate(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || '')
  if (!match) return false
  const [year, month, day] = match.slice(1).map(Number)
  const date = new Date(year, month - 1, day)
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day
}

/** Returns true for YYYYMM with a month from 01 to 12. */
export function isValidMonth(text) {
  const match = /^(\d{4})(\d{2})$/.exec(text || '')
  return Boolean(match) && Number(match[2]) >= 1 && Number(match[2]) <= 12
}

/**
 * Checks a social security number as the API does for resident IDs: 18
 * characters, a birth date that exists and is not in the future, and the
 * GB 11643-1999 check character. Returns an error message or ''.
 */
export function residentIdError(value, label = '社会保障号码') {
  const text = normalizeCode(value)
  if (!text) return `请输入${label}`
  if (/^\d{15}$/.test(text)) return `${label}“${text}”是15位旧号码，请输入18位号码`
  if (!/^\d{17}[\dX]$/.test(text)) return `${label}“${text}”格式无效，应为18位数字，末位可为X`
  const birth = `${text.slice(6, 10)}-${text.slice(10, 12)}-${text.slice(12, 14)}`
  if (!isValidDate(birth) || birth > todayText()) return `${label}“${text}”中的出生日期${birth}无效`
  if (!isValidResidentId(text)) return `${label}“${text}”校验位错误，请核对`
  return ''
}

/** Returns an error message for an 11-digit mobile number, or ''. */
export function mobileError(value, required = true) {
  const text = normalizeCode(value)
  if (!text) return required ? '请输入手机号码' : ''
  return /^1\d{10}$/.test(text) ? '' : `手机号码“${text}”无效，请输入以1开头的11位号码`
}

/** Returns an error message for an amount in yuan above 0 with at most 2 decimals, or ''. */
export function moneyError(value, label) {
  const text = normalizeCode(value)
  if (!text) return `请输入${label}`
  if (!/^\d+(\.\d{1,2})?$/.test(text) || Number(text) <= 0) {
    return `${label}“${text}”无效，请输入大于0、最多两位小数的金额`
  }
  return ''
}

/** Returns an error message for a required YYYY-MM-DD date, or ''. */
export function dateError(value, label) {
  if (!value) return `请选择${label}`
  return isValidDate(value) ? '' : `${label}“${value}”不是有效日期`
}

/** Returns an error message for an optional 6-digit postcode, or ''. */
export function postcodeError(value) {
  const text = String(value || '').trim()
  return !text || /^\d{6}$/.test(text) ? '' : `邮政编码“${text}”无效，应为6位数字`
}

/** Returns an error message for an optional email address, or ''. */
export function emailError(value) {
  const text = String(value || '').trim()
  return !text || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) ? '' : `电子邮箱“${text}”格式无效`
}

/** Drops the fields without a message, so an empty object means the input is valid. */
export function onlyErrors(errors) {
  return Object.fromEntries(Object.entries(errors).filter(([, message]) => message))
}
