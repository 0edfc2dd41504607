-- Numbered after every migration that existed when it was written (not in the audit V3xx range),
-- so that databases created before it migrate in order.
-- Monthly roll-up of audit_daily, so that statistics over long ranges read full months from here
-- (senders x months instead of senders x days); partial months at either end still come from
-- audit_daily. Kept in step by every append, rebuilt for the cut-off month by retention.
CREATE TABLE audit_monthly (
    stat_month  DATE         NOT NULL,
    metric      VARCHAR(20)  NOT NULL,
    dim         VARCHAR(320) NOT NULL,
    n           BIGINT       NOT NULL,
    PRIMARY KEY (stat_month, metric, dim)
);

INSERT INTO audit_monthly (stat_month, metric, dim, n)
SELECT CAST(DATE_TRUNC('MONTH', stat_day) AS DATE), metric, dim, SUM(n)
  FROM audit_daily
 GROUP BY CAST(DATE_TRUNC('MONTH', stat_day) AS DATE), metric, dim;

-- the trend per day reads two counters (received, held) for every day of the range
CREATE INDEX audit_daily_metric_ix ON audit_daily (metric, dim, stat_day);
