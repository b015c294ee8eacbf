/* The local explorer: GraphiQL (served from node_modules by the gateway) with
 * the development sign-in. Choosing a demo agency gets a token from
 * POST /dev/token and puts it in GraphiQL's headers. Development only. */
(function () {
  'use strict';
  var DEFAULT_QUERY = [
    '# The README query: one MOU, its parties and targets against the actuals.',
    '# Sign in above as an agency, then run it (Ctrl-Enter).',
    '{',
    '  agreement(code: "MOU-IR-10-TRAFFIC-1403") {',
    '    title',
    '    leadAgency { name region { name } }',
    '    parties { role agency { name } }',
    '    targets { metric region { name } from to baseline target actual attainment }',
    '  }',
    '}',
    '',
  ].join('\n');

  var select = document.getElementById('agency');
  var button = document.getElementById('sign-in-button');
  var status = document.getElementById('signed-in');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });

  function render(agency, token) {
    var headers = token ? JSON.stringify({ Authorization: 'Bearer ' + token }, null, 2) : '{}';
    root.render(
      React.createElement(GraphiQL, {
        key: agency || 'anonymous',
        fetcher: fetcher,
        defaultQuery: DEFAULT_QUERY,
        query: DEFAULT_QUERY,
        headers: headers,
        shouldPersistHeaders: false,
        defaultEditorToolsVisibility: 'headers',
      }),
    );
  }

  function signIn() {
    var agency = select.value;
    if (!agency) return;
    status.textContent = 'signing in as ' + agency + '…';
    fetch('/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ agency: agency }) })
      .then(function (answer) {
        return answer.json().then(function (body) {
          if (!answer.ok) throw new Error(body.error || 'sign-in refused');
          return body;
        });
      })
      .then(function (body) {
        status.textContent = 'signed in as ' + body.agency + ' (' + body.scopes.join(' ') + ')';
        status.setAttribute('data-agency', body.agency);
        render(body.agency, body.token);
      })
      .catch(function (error) {
        status.textContent = 'sign-in failed: ' + error.message;
      });
  }

  fetch('/dev/agencies')
    .then(function (answer) {
      return answer.json();
    })
    .then(function (agencies) {
      select.innerHTML = '';
      var prompt = document.createElement('option');
      prompt.value = '';
      prompt.textContent = 'choose a demo agency (' + agencies.length + ')';
      select.appendChild(prompt);
      agencies.forEach(function (agency) {
        var option = document.createElement('option');
        option.value = agency.code;
        option.textContent = agency.code + ' — ' + agency.name;
        select.appendChild(option);
      });
    })
    .catch(function () {
      select.innerHTML = '<option value="">development sign-in unavailable</option>';
    });

  button.addEventListener('click', signIn);
  select.addEventListener('change', signIn);
  render(null, null);
})();
