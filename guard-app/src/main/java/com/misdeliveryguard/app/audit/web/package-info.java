/**
 * The auditor console: server-rendered Thymeleaf pages (list with filters and keyset paging, a
 * message's history, statistics with inline-SVG charts, verification), CSV and JSONL exports, the
 * {@code /api/v1/audit} endpoints and the admin actions on the log. Works without JavaScript; every
 * view, export and action is itself logged.
 */
package com.misdeliveryguard.app.audit.web;
