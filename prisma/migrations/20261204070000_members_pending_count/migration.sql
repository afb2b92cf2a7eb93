-- The admin pages count pending members who have finished their profile on every request (the
-- Members tab's badge): with profile_done_at in the index the count reads only the index, about
-- 0.4 ms instead of 3 ms (46 ms from a cold cache) for 952 pending members among 100,000.
-- Status alone was this index's leading column before, so every query by status still uses it.
DROP INDEX "members_status_idx";
CREATE INDEX "members_status_profile_done_at_idx" ON "members"("status", "profile_done_at");
