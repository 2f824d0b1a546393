// Checks the form validators against the rules the API enforces, so a form
// rejects before sending what the API would reject.
import { test } from 'node:test'
import assert from 'node:assert/strict'

import { isValidDate, isValidMonth, mobileError, moneyError, residentIdError } from '../src/utils/validators.js'

test('resident ID with its check character passes', () => {
  assert.equal(residentIdError('11010519491231002X'), '')
  assert.equal(residentIdError('11010519491231002x'), '')
})

test('resident ID errors name the problem', () => {
  assert.match(residentIdError(''), /请输入/)
  assert.match(residentIdError('110105491231002'), /15位旧号码/)
  assert.match(residentIdError('1101051949123100'), /格式无效/)
  assert.match(residentIdError('110105194902300021'), /出生日期/)
  assert.match(residentIdError('110105299901010021'), /出生日期/)
  assert.match(residentIdError('110105194912310021'), /校验位错误/)
})

test('dates must exist', () => {
  assert.equal(isValidDate('2024-02-29'), true)
  assert.equal(isValidDate('2026-02-30'), false)
  assert.equal(isValidDate('2026-2-3'), false)
})

test('months are YYYYMM from 01 to 12', () => {
  assert.equal(isValidMonth('202612'), true)
  assert.equal(isValidMonth('202613'), false)
  assert.equal(isValidMonth('2026-12'), false)
})

test('mobile and money checks', () => {
  assert.equal(mobileError('13957700123'), '')
  assert.match(mobileError('2395770012'), /无效/)
  assert.equal(moneyError('6500.5', '申报工资'), '')
  assert.match(moneyError('0', '申报工资'), /大于0/)
  assert.match(moneyError('6500.555', '申报工资'), /两位小数/)
})

test('full-width digits are read as the API reads them', () => {
  assert.equal(residentIdError('１１０１０５１９４９１２３１００２ｘ'), '')
  assert.equal(mobileError('１３９ ００００ １１１１'), '')
  assert.equal(moneyError('６０００', '申报工资'), '')
})
