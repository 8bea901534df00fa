const express = require('express');
const crypto = require('crypto');
app.post('/webhooks/penguinmails', express.json(), (req, res) => {
// 1. Verify signature
const signature = req.headers['x-penguinmails-signature'];
if (!verifySignature(req.body, signature)) {
return res.status(401).send('Invalid signature');
}
// 2. Handle event
const event = req.body;
switch (event.type) {
case 'email.opened':
console.log(`Email opened by ${event.data.contact.email}`);
// Update your CRM, trigger workflow, etc.
break;
case 'email.clicked':
console.log(`Link clicked: ${event.data.url}`);
break;
// ... other events
}
// 3. Respond quickly (< 5 seconds)
res.status(200).send('OK');
});
function verifySignature(payload, signature) {
const secret = process.env.WEBHOOK_SECRET;
const hmac = crypto.createHmac('sha256', secret);
hmac.update(JSON.stringify(payload));
const digest = `sha256=${hmac.digest('hex')}`;
return crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(signature));
}
