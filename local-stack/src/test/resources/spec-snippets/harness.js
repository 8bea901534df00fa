// Runs a Node snippet of the product documents, copied verbatim (spec-001-node-example.js, spec-003-node-verification.js),
// against requests a test receiver really got, and prints what the snippet's route answered to each.
//
//   node harness.js <snippet.js> <requests.json>
//
// requests.json: [{"headers": {lower-case name: value}, "body_base64": "...", "secret": "..."}]
// prints one JSON array: [{"status": 200, "body": "OK", "logs": [...], "stringify_is_body": true}]
//
// The snippets need Express; no npm package is installed, so the harness gives them the little of it they use:
// app.post(path, ...handlers), and express.json(), which reads the body as UTF-8 and parses it with JSON.parse as
// body-parser does. Spec 003's route has no express.json() of its own: its req.body is parsed, so the app parses
// before it (app.use(express.json()), which the snippet leaves out). The snippet reads its secret from
// process.env.WEBHOOK_SECRET, set here to each request's.
'use strict';
const fs = require('fs');

const [snippetFile, requestsFile] = process.argv.slice(2);
const snippet = fs.readFileSync(snippetFile, 'utf8');
const requests = JSON.parse(fs.readFileSync(requestsFile, 'utf8'));

const routes = [];
const app = { post: (path, ...handlers) => routes.push({ path, handlers }) };
const express = () => app;
express.json = () => {
  const parse = (req, res, next) => {
    req.body = JSON.parse(req.rawBody);
    next();
  };
  parse.parsesJson = true;
  return parse;
};
const logs = [];
const snippetConsole = { log: (...args) => logs.push(args.join(' ')) };
const snippetRequire = (name) => (name === 'express' ? express : require(name));

// the snippet's text as it is, with require, app and console given to it
new Function('require', 'app', 'console', snippet)(snippetRequire, app, snippetConsole);
if (routes.length !== 1) {
  throw new Error(`the snippet defined ${routes.length} routes, not one`);
}
const handlers = routes[0].handlers.some((handler) => handler.parsesJson) ? routes[0].handlers
  : [express.json(), ...routes[0].handlers];

const answers = requests.map((request) => {
  logs.length = 0;
  process.env.WEBHOOK_SECRET = request.secret;
  const rawBody = Buffer.from(request.body_base64, 'base64').toString('utf8');
  const req = { headers: request.headers, rawBody };
  const res = {
    statusCode: 200,
    body: undefined,
    status(code) { this.statusCode = code; return this; },
    send(body) { this.body = String(body); return this; },
    json(value) { this.body = JSON.stringify(value); return this; },
  };
  let index = 0;
  const next = () => {
    const handler = handlers[index++];
    if (handler) handler(req, res, next);
  };
  try {
    next();
  } catch (e) {
    return { status: 'threw', body: String(e && e.stack), logs: [...logs], stringify_is_body: false };
  }
  if (res.body === undefined) {
    return { status: 'no answer', body: null, logs: [...logs], stringify_is_body: false };
  }
  return { status: res.statusCode, body: res.body, logs: [...logs], stringify_is_body: JSON.stringify(JSON.parse(rawBody)) === rawBody };
});
process.stdout.write(JSON.stringify(answers));
