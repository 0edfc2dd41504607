// A minimal SMTP client (what Thunderbird does on "Send"): EHLO, MAIL, RCPT…, DATA over a real socket.
import { connect } from 'node:net';

export function sendMail({ port, from, to, data }) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const steps = [`EHLO pc.example.co.jp`, `MAIL FROM:<${from}>`, ...to.map((r) => `RCPT TO:<${r}>`), 'DATA',
      `${data.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..')}\r\n.`, 'QUIT'];
    const replies = [];
    let buffer = '';
    socket.setTimeout(30_000, () => socket.destroy(new Error('SMTP timeout')));
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      let end;
      // a complete reply ends with a line "NNN text" (no dash after the code)
      while ((end = buffer.search(/^\d{3} .*\r\n/m)) >= 0) {
        const lineEnd = buffer.indexOf('\r\n', end) + 2;
        replies.push(buffer.slice(0, lineEnd));
        buffer = buffer.slice(lineEnd);
        const step = steps.shift();
        if (step === undefined) {
          socket.end();
          resolve(replies);
          return;
        }
        socket.write(`${step}\r\n`);
      }
    });
  });
}

/** A message as Thunderbird writes it: UTF-8 headers as RFC 2047 words, custom headers after the standard ones. */
export function message({ from, to = [], cc = [], subject, body, headers = {} }) {
  const word = (s) => `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`;
  const lines = [`From: ${from}`, `To: ${to.join(', ')}`];
  if (cc.length) lines.push(`Cc: ${cc.join(', ')}`);
  lines.push(`Subject: ${word(subject)}`, `Message-ID: <${Date.now()}.${Math.random().toString(36).slice(2)}@example.co.jp>`,
    'MIME-Version: 1.0', 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64');
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n${Buffer.from(body).toString('base64')}`;
}
