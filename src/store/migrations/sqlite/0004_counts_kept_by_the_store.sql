-- The store keeps the open-queue counts itself, from the domain's idea of an open state,
-- in the same transaction as every change; the triggers that hard-coded it go.
DROP TRIGGER queue_counts_insert;
DROP TRIGGER queue_counts_leave;
DROP TRIGGER queue_counts_enter;
DROP TRIGGER queue_counts_delete;
