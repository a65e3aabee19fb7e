-- refer due, as bare SQL written from SPEC 9 and 12 (bench/cron.sh replaces :today), with
-- the built-in program's contact SLA of 2 days: type|referral|since|days|id, in due's order
-- (type, since, rows without an email last, then the referral or payout id). The open
-- referrals come from the partial index referrals_open, the payouts from payouts_pending_by_due.
SELECT type, referral, since, CAST(julianday(:today) - julianday(since) AS INTEGER), id FROM (
    SELECT 1 AS rank, 'contact' AS type, id AS referral, submitted_on AS since, referee_email AS email, id
    FROM referrals WHERE status <> 'won' AND status <> 'lost' AND status = 'submitted'
      AND submitted_on < date(:today, '-2 days')
    UNION ALL
    SELECT 2, 'payout', p.referral_id, p.due_on, coalesce(p.email, c.email), p.id
    FROM payouts p LEFT JOIN clients c ON c.id = p.client_id
    WHERE p.status = 'pending' AND p.due_on <= :today
    UNION ALL
    SELECT 3, 'stale', id, status_on, referee_email, id
    FROM referrals WHERE status <> 'won' AND status <> 'lost' AND status_on <= date(:today, '-30 days')
      AND NOT (status = 'submitted' AND submitted_on < date(:today, '-2 days')))
ORDER BY rank, since, email IS NULL, id;
