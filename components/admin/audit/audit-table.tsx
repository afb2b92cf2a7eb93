// The audit entries as a table: wide, so it scrolls sideways inside its own box on a phone (the
// page itself never does). Times are UTC, to the second.
import Link from "next/link";
import type { AuditEntryView } from "@/lib/audit/queries";

/** "2027-03-03T14:05:09.123Z" -> "2027-03-03 14:05:09" */
const utcSeconds = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;

const link = "font-semibold text-brand-800 underline-offset-4 hover:underline";
const cell = "cell";

function Who({ entry }: { entry: AuditEntryView }) {
  if (!entry.actor) return <span className="text-ink-muted">{entry.action === "admin.create" ? "Command line" : "Not signed in"}</span>;
  return (
    <>
      <Link href={entry.actor.link} className={link}>
        {entry.actor.name ?? entry.actor.email}
      </Link>
      {entry.actor.name && <span className="block text-sm break-all text-ink-muted">{entry.actor.email}</span>}
    </>
  );
}

function About({ target }: { target: AuditEntryView["target"] }) {
  if (!target) return <span className="text-ink-muted">—</span>;
  return target.link ? (
    <Link href={target.link} className={`${link} break-words`}>
      {target.label}
    </Link>
  ) : (
    <span className="break-all">{target.label}</span>
  );
}

export function AuditTable({ entries, caption }: { entries: AuditEntryView[]; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-line" role="region" aria-labelledby="audit-caption" tabIndex={0}>
      <table className="w-full min-w-[60rem] border-collapse text-left text-[0.95rem]">
        <caption id="audit-caption" className="px-3 pt-3 pb-1 text-left text-sm text-ink-muted">
          {caption}
        </caption>
        <thead className="border-b border-line bg-page text-sm">
          <tr>
            <th scope="col" className={cell}>
              When (UTC)
            </th>
            <th scope="col" className={cell}>
              Who
            </th>
            <th scope="col" className={cell}>
              What
            </th>
            <th scope="col" className={cell}>
              About
            </th>
            <th scope="col" className={cell}>
              Details
            </th>
            <th scope="col" className={cell}>
              From where
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {entries.map((e) => (
            <tr key={e.id} data-testid="audit-entry">
              <td className={`${cell} whitespace-nowrap tabular-nums`}>
                <time dateTime={e.at}>{utcSeconds(e.at)}</time>
              </td>
              <td className={`${cell} max-w-[14rem]`}>
                <Who entry={e} />
              </td>
              <td className={`${cell} max-w-[14rem]`}>
                {e.actionLabel}
                <code className="block text-xs text-ink-muted">{e.action}</code>
              </td>
              <td className={`${cell} max-w-[14rem]`}>
                <About target={e.target} />
              </td>
              <td className={`${cell} max-w-[22rem] break-words`}>{e.detailsText || <span className="text-ink-muted">—</span>}</td>
              <td className={`${cell} max-w-[14rem]`}>
                {e.ip ? <span className="font-mono text-sm break-all">{e.ip}</span> : <span className="text-ink-muted">No address</span>}
                {e.userAgent && (
                  <span className="block text-sm text-ink-muted" title={e.userAgentFull ?? undefined}>
                    {e.userAgent}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
