// Verifies a PenguinMails webhook in Node.js (no dependencies). Use the RAW request body, not re-serialised JSON.
const crypto = require('crypto');

// X-PenguinMails-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the whole secret string>
function verifyPenguinSignature(rawBody, header, secret) {
  const expected = Buffer.from('sha256=' + crypto.createHmac('sha256', secret).update(rawBody).digest('hex'));
  const given = Buffer.from(header || '');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

// Standard Webhooks: webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">, keyed with the base64-decoded
// part of the secret after "whsec_". Several signatures, space-separated, during a secret rotation.
function verifyStandardWebhook(rawBody, headers, secret, toleranceSeconds = 300) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = (headers['webhook-signature'] || '').split(' ');
  // refuse replays: a timestamp (seconds) further than the tolerance from now, or not a number at all
  if (!id || !/^\d+$/.test(timestamp || '') || Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = Buffer.from('v1,' + crypto.createHmac('sha256', key).update(`${id}.${timestamp}.`).update(rawBody).digest('base64'));
  return signatures.some(s => Buffer.from(s).length === expected.length && crypto.timingSafeEqual(Buffer.from(s), expected));
}

module.exports = { verifyPenguinSignature, verifyStandardWebhook };

// Express: keep the raw body for verification.
//   app.post('/webhooks/penguinmails', express.raw({ type: 'application/json' }), (req, res) => {
//     if (!verifyPenguinSignature(req.body, req.get('X-PenguinMails-Signature'), process.env.WEBHOOK_SECRET)) {
//       return res.status(401).send('Invalid signature');
//     }
//     const event = JSON.parse(req.body);
//     res.status(200).send('OK'); // answer fast, work asynchronously; de-duplicate on X-PenguinMails-Delivery-ID
//   });
