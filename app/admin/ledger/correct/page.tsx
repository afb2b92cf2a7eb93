import type { Metadata } from "next";
import Link from "next/link";
import { CorrectionForm } from "@/components/admin/ledger/correction-form";
import { linkClass } from "@/components/admin/ledger/ledger-bits";
import { AdminsOnly } from "@/components/admin/admins-only";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { Card, EmptyState, Page } from "@/components/ui/page";
import { adminForPage } from "@/lib/admin/page";
import { formatMinutes } from "@/lib/format/minutes";
import { CORRECTION_MAX_MINUTES, REASON_MAX_CHARS, REASON_MIN_CHARS } from "@/lib/ledger-admin/corrections";
import { ACCOUNT_SEARCH_MAX_CHARS, accountOfMember, findAccounts, type AccountHeader } from "@/lib/ledger-admin/queries";
import { firstParam, isUuid } from "@/lib/validation";
import { postCorrectionAction } from "../actions";

export const metadata: Metadata = { title: "Post a correction" };
export const dynamic = "force-dynamic";

type Search = { member?: string | string[]; q?: string | string[] };

const one = (v: string | string[] | undefined) => firstParam(v)?.trim() ?? "";

async function MemberSearch({ q }: { q: string }) {
  const matches = q ? await findAccounts(q, { membersOnly: true }) : [];
  return (
    <div className="space-y-6">
      <form method="get" action="/admin/ledger/correct" role="search" aria-label="Members" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-line sm:p-5">
        <Field id="q" label="Which member?" hint="Part of their name or email, or their full email address">
          {(aria) => <TextInput {...aria} name="q" type="search" defaultValue={q} maxLength={ACCOUNT_SEARCH_MAX_CHARS} autoComplete="off" />}
        </Field>
        <button type="submit" className={`${buttonClass("primary")} mt-4`}>
          Find
        </button>
      </form>
      {q &&
        (matches.length === 0 ? (
          <EmptyState title={`No member matches “${q}”`}>Try part of their name, or their full email address.</EmptyState>
        ) : (
          <section aria-labelledby="matches-heading">
            <h2 id="matches-heading" className="mb-3 text-lg font-semibold text-brand-900">
              Choose the member
            </h2>
            <ul className="divide-y divide-line overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-line">
              {matches.map((m) => (
                <li key={m.accountId} className="flex flex-wrap items-center justify-between gap-3 p-4">
                  <span className="min-w-0">
                    <span className="font-semibold break-words">{m.name}</span>
                    <span className="block text-sm break-all text-ink-muted">{m.member!.email}</span>
                  </span>
                  <Link href={`/admin/ledger/correct?member=${m.member!.id}`} className={buttonClass("secondary")}>
                    Choose<span className="sr-only"> {m.name}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </div>
  );
}

function ChosenMember({ account }: { account: AccountHeader }) {
  const name = account.name;
  return (
    <Card aria-labelledby="correction-heading">
      <h2 id="correction-heading" className="text-lg font-semibold text-brand-900">
        For{" "}
        <Link href={`/admin/ledger/accounts/${account.id}`} className={linkClass}>
          {name}
        </Link>
      </h2>
      <p className="mt-1 text-sm text-ink-muted">
        Balance {formatMinutes(account.balanceMinutes)}, held {formatMinutes(account.heldMinutes)}, floor {formatMinutes(account.floorMinutes ?? 0)}: they can
        still pay {formatMinutes(account.availableMinutes ?? 0)}.{" "}
        <Link href="/admin/ledger/correct" className={linkClass}>
          Choose another member
        </Link>
      </p>
      <div className="mt-5">
        <CorrectionForm
          memberId={account.member!.id}
          memberName={name}
          limits={{ maxMinutes: CORRECTION_MAX_MINUTES, reasonMin: REASON_MIN_CHARS, reasonMax: REASON_MAX_CHARS }}
          action={postCorrectionAction}
        />
      </div>
    </Card>
  );
}

export default async function CorrectPage({ searchParams }: { searchParams: Promise<Search> }) {
  const admin = await adminForPage("/admin/ledger/correct");
  if (!admin) return <AdminsOnly />;
  const params = await searchParams;
  const memberId = one(params.member);
  const account = isUuid(memberId) ? await accountOfMember(memberId) : null;
  return (
    <Page
      title="Post a correction"
      width="narrow"
      intro={
        <>
          <Link href="/admin/ledger" className={linkClass}>
            ← The ledger
          </Link>
          <span className="mt-2 block">
            An adjustment or a grant is a new transfer with your name and reason on it; nothing already in the ledger changes. To undo one transfer, open it and
            reverse it instead.
          </span>
        </>
      }
    >
      {memberId && !account && (
        <div className="mb-6">
          <Alert tone="warning" title="That member has no hours account">
            Their account opens when they are approved. Choose another member below.
          </Alert>
        </div>
      )}
      {account?.member?.id === admin.id ? (
        <Alert tone="warning" title="This is your own account">
          An admin cannot correct or grant hours to their own account: ask another admin.{" "}
          <Link href="/admin/ledger/correct" className={linkClass}>
            Choose another member
          </Link>
        </Alert>
      ) : account ? (
        <ChosenMember account={account} />
      ) : (
        <MemberSearch q={one(params.q)} />
      )}
    </Page>
  );
}
