/** Tests of the notification mails: safe headers, both languages, the link. */
package com.misdeliveryguard.app.confirm.notify;
