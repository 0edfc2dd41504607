// Compose details (messenger.compose.ComposeDetails) → the check API's JSON request.
import { parseRecipient, plainName } from './addresses.js';

const OPENING_CHARS = 4000;

/** Text of an HTML body, good enough for the opening lines (salutations) the guard reads. */
export function htmlToText(html) {
  return String(html)
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<blockquote[\s\S]*?<\/blockquote>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

function recipients(list) {
  return (Array.isArray(list) ? list : list ? [list] : [])
    .filter((r) => typeof r === 'string' && r.trim())
    .map(parseRecipient)
    .map(({ name, address }) => ({ name: plainName(name), address }));
}

/**
 * The JSON body of POST /api/v1/check for what is about to be sent.
 * @param {object} details compose details (from, to, cc, bcc, subject, plainTextBody/body, isPlainText)
 * @param {string[]} attachmentNames file names from compose.listAttachments
 */
export function checkRequest(details, attachmentNames = []) {
  const body = details.isPlainText || !details.body ? details.plainTextBody ?? '' : htmlToText(details.body);
  const from = details.from ? parseRecipient(typeof details.from === 'string' ? details.from : '').address : '';
  return {
    from: from || undefined,
    to: recipients(details.to),
    cc: recipients(details.cc),
    bcc: recipients(details.bcc),
    subject: details.subject ?? '',
    body: body.slice(0, OPENING_CHARS),
    attachments: attachmentNames,
  };
}
