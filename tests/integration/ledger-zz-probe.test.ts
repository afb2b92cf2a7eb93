import { it, expect } from "vitest";
import { reconcile } from "../../lib/ledger";
import { useTestDatabase } from "../helpers/db";
import { createMembers, accountState } from "../helpers/ledger";
const database = await useTestDatabase();
const prisma = database.prisma();
it("probe", async () => {
  const [a] = await createMembers(prisma, 1, { fundMinutes: 100 });
  const c = await database.pgClient();
  await c.query(`CREATE TEMP TABLE smuggle (account_id int)`);
  await c.query(`CREATE FUNCTION pg_temp.smuggle() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public.ledger_accounts SET balance_minutes = balance_minutes + 1000 WHERE id = NEW.account_id; RETURN NEW; END $$`);
  await c.query(`CREATE TRIGGER smuggle AFTER INSERT ON smuggle FOR EACH ROW EXECUTE FUNCTION pg_temp.smuggle()`);
  const r = await c.query(`INSERT INTO smuggle VALUES ($1)`, [a!.accountId]).then(() => "ok", (e) => String(e));
  console.log(r, await accountState(c, a!.accountId), await reconcile(prisma));
  const r2 = await c.query(`INSERT INTO ledger_transfers (kind, debit_account_id, credit_account_id, amount_minutes, idempotency_key) VALUES ('grant', $1, $1, 5, 'same')`, [a!.accountId]).then(() => "ok", (e) => `${e.code} ${e}`);
  console.log(r2);
  expect(1).toBe(1);
});
