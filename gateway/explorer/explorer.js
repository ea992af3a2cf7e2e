// The explorer page's glue: the form above GraphiQL sets the Authorization, X-Purpose and X-Case-Id headers of
// every request (kept in localStorage), so a token pasted once is used by every query.
(function () {
  var fields = { token: 'gridhub.token', purpose: 'gridhub.purpose', case: 'gridhub.case' };
  Object.keys(fields).forEach(function (id) {
    var input = document.getElementById(id);
    var saved = localStorage.getItem(fields[id]);
    if (saved !== null) input.value = saved;
    input.addEventListener('input', function () {
      localStorage.setItem(fields[id], input.value);
    });
  });
  function headers() {
    var h = { 'content-type': 'application/json' };
    var token = document.getElementById('token').value.trim();
    var purpose = document.getElementById('purpose').value.trim();
    var caseId = document.getElementById('case').value.trim();
    if (token) h.authorization = /^bearer /i.test(token) ? token : 'Bearer ' + token;
    if (purpose) h['x-purpose'] = purpose;
    if (caseId) h['x-case-id'] = caseId;
    return h;
  }
  function fetcher(params) {
    return fetch('/graphql', { method: 'POST', headers: headers(), body: JSON.stringify(params) }).then(function (r) {
      return r.json();
    });
  }
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: '{\n  people(first: 5) {\n    totalCount\n    nodes { name residence { address grid { code } } receivesAssistance needsAttention }\n  }\n}\n',
    }),
  );
})();
