// Public check of a certificate's verification code: one GraphQL query,
// no login. The server masks names and ID numbers.
const QUERY = `query Verify($code: String!) {
  verifyCertificate(code: $code) {
    valid message unitName issuedOn
    persons { name ssn insurances { insuranceTypeLabel firstEnrollMonth monthsPaid status } }
  }
}`;
const STATUS = { ACTIVE: "参保缴费", SUSPENDED: "暂停缴费" };

function cell(row, text) {
  const td = document.createElement("td");
  td.textContent = text;
  row.appendChild(td);
}

function show(result) {
  const message = document.getElementById("message");
  const area = document.getElementById("result");
  area.textContent = "";
  message.textContent = result.message;
  message.className = result.valid ? "valid" : "invalid";
  if (!result.valid) return;
  const info = document.createElement("p");
  info.textContent = `单位名称：${result.unitName}　出具日期：${result.issuedOn}`;
  area.appendChild(info);
  const table = document.createElement("table");
  const head = table.insertRow();
  for (const title of ["姓名", "社会保障号码", "险种", "首次参保年月", "缴费月数", "参保状态"]) {
    cell(head, title);
  }
  for (const person of result.persons) {
    for (const item of person.insurances) {
      const row = table.insertRow();
      cell(row, person.name);
      cell(row, person.ssn);
      cell(row, item.insuranceTypeLabel);
      cell(row, item.firstEnrollMonth);
      cell(row, String(item.monthsPaid));
      cell(row, STATUS[item.status] || item.status);
    }
  }
  area.appendChild(table);
}

async function verify(code) {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ query: QUERY, variables: { code } }),
  });
  const body = await response.json();
  if (body.errors) {
    show({ valid: false, message: body.errors[0].message });
    return;
  }
  show(body.data.verifyCertificate);
}

document.getElementById("form").addEventListener("submit", (event) => {
  event.preventDefault();
  verify(document.getElementById("code").value.trim());
});

const initial = new URLSearchParams(location.search).get("code");
if (initial) {
  document.getElementById("code").value = initial;
  verify(initial);
}
