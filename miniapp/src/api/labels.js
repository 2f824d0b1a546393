// Chinese labels of the API's enums, in the order the forms list them.

export const INSURANCE_TYPE_LABELS = {
  PENSION: '企业职工基本养老保险',
  UNEMPLOYMENT: '失业保险',
  WORK_INJURY: '工伤保险',
}

export const INSURED_IDENTITY_LABELS = {
  REGULAR: '在职职工',
  PART_TIME: '非全日制用工',
  TECH_SCHOOL_INTERN: '技校实习生',
  OVER_AGE: '超龄人员',
  EPIDEMIC_TEMP: '疫情期间临聘人员',
  JOINT_PREVENTION: '联防联控人员',
}

export const INSURANCE_STATUS_LABELS = {
  ACTIVE: '参保缴费',
  SUSPENDED: '暂停缴费',
}

export const SUSPENSION_REASON_LABELS = {
  RESIGNATION: '职工辞职',
  DISMISSAL: '单位解除劳动关系',
  CONTRACT_ENDED: '劳动合同终止',
  RETIREMENT: '退休',
  DEATH: '死亡',
  TRANSFER_OUT: '转往外地',
  ENLISTMENT: '应征入伍',
  EMIGRATION: '出国（境）定居',
  OTHER: '其他',
}

export const EMPLOYMENT_FORM_LABELS = {
  CONTRACT: '劳动合同制',
  DISPATCHED: '劳务派遣',
  PART_TIME: '非全日制',
  OTHER: '其他',
}

export const DECLARATION_KIND_LABELS = {
  ENROLLMENT: '职工参保登记',
  REENROLLMENT: '职工续保登记',
  SUSPENSION: '职工暂停参保',
  BACK_PAYMENT: '申请补缴城镇职工社会保险费',
  ANNUAL_WAGE: '参保个人应缴基本养老保险费核定',
  PERSON_CHANGE: '职工参保信息变更登记',
  UNIT_CHANGE: '单位参保信息变更登记',
  INSURANCE_TYPE_ADD: '参保险种新增登记',
}

export const DECLARATION_STATUS_LABELS = {
  PENDING: '待审核',
  APPROVED: '审核通过',
  REJECTED: '审核不通过',
  WITHDRAWN: '已撤回',
}

/** uni-tag types that colour each DeclarationStatus value. */
export const DECLARATION_STATUS_TAG_TYPES = {
  PENDING: 'warning',
  APPROVED: 'success',
  REJECTED: 'error',
  WITHDRAWN: 'default',
}

export const BASE_ADJUSTMENT_LABELS = {
  RAISED_TO_FLOOR: '按下限核定',
  LOWERED_TO_CEILING: '按上限核定',
}

/** Identities that the API enrolls in work injury insurance only. */
export const WORK_INJURY_ONLY_IDENTITIES = [
  'PART_TIME',
  'TECH_SCHOOL_INTERN',
  'OVER_AGE',
  'EPIDEMIC_TEMP',
  'JOINT_PREVENTION',
]

/** Turns a label map into the { value, text } options of uni-data-select. */
export function selectOptions(labels) {
  return Object.entries(labels).map(([value, text]) => ({ value, text }))
}

/** Joins the labels of several enum values with 、, or returns 无 for none. */
export function joinLabels(labels, values) {
  if (!values || values.length === 0) return '无'
  return values.map((value) => labels[value] || value).join('、')
}

/** Formats a Decimal string as yuan with two decimals and thousands separators. */
export function formatYuan(value) {
  if (value === null || value === undefined || value === '') return '--'
  const [whole, fraction = ''] = Number(value).toFixed(2).split('.')
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`
}

/** Formats YYYYMM as YYYY-MM. */
export function formatMonth(month) {
  return month && month.length === 6 ? `${month.slice(0, 4)}-${month.slice(4)}` : month || '--'
}

/** Formats an ISO date-time as YYYY-MM-DD HH:MM in local time, or -- when empty. */
export function formatDateTime(value) {
  if (!value) return '--'
  const date = new Date(value)
  const pad = (number) => String(number).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** Labels of the ID types (证件类型) the API returns. */
export const ID_TYPE_LABELS = {
  RESIDENT_ID: '居民身份证',
}
