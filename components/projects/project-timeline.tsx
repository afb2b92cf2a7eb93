// A project's history, newest first: its moves between the method's steps and its PDSA cycles
// (plan, prediction, what happened, what was learned, the decision).
import Link from "next/link";
import { Badge } from "@/components/ui/page";
import { formatDay, isoDay } from "@/lib/format/date";
import type { TimelineItem } from "@/lib/projects/queries";
import { DECISION_LABELS } from "@/lib/projects/schemas";
import { STAGE_LABELS } from "@/lib/projects/stages";

export function ProjectTimeline({ items, projectId, canEdit }: { items: TimelineItem[]; projectId: string; canEdit: boolean }) {
  return (
    <ol className="relative space-y-4 border-l-2 border-line pl-5 sm:pl-6" data-testid="project-timeline">
      {items.map((item) => (
        <li key={`${item.kind}-${item.id}`} className="relative" id={item.kind === "cycle" ? `cycle-${item.number}` : undefined}>
          <span
            aria-hidden="true"
            className={`absolute top-2 -left-[1.72rem] size-3 rounded-full ring-4 ring-page sm:-left-[1.97rem] ${item.kind === "cycle" ? "bg-request-600" : "bg-brand-700"}`}
          />
          {item.kind === "stage" ? <StageEntry item={item} /> : <CycleEntry item={item} projectId={projectId} canEdit={canEdit} />}
        </li>
      ))}
    </ol>
  );
}

function When({ at }: { at: Date }) {
  return (
    <time dateTime={isoDay(at)} className="text-sm text-ink-muted">
      {formatDay(at)}
    </time>
  );
}

function StageEntry({ item }: { item: Extract<TimelineItem, { kind: "stage" }> }) {
  return (
    <div className="rounded-lg bg-white px-4 py-3 ring-1 ring-line" data-testid="timeline-stage">
      <When at={item.at} />
      <h3 className="mt-0.5 font-semibold break-words text-ink">
        {item.from === null ? `Started at “${STAGE_LABELS[item.to]}”` : `Moved from “${STAGE_LABELS[item.from]}” to “${STAGE_LABELS[item.to]}”`}
      </h3>
      <p className="text-sm text-ink-muted">by {item.by}</p>
      {item.note && <p className="mt-2 break-words whitespace-pre-line text-ink">{item.note}</p>}
    </div>
  );
}

function CycleEntry({ item, projectId, canEdit }: { item: Extract<TimelineItem, { kind: "cycle" }>; projectId: string; canEdit: boolean }) {
  const complete = item.completedAt !== null;
  const parts: [string, string | null][] = [
    ["Plan", item.plan],
    ["Prediction", item.prediction],
    ["What happened", item.happened],
    ["What was learned", item.learned],
  ];
  return (
    <article className="rounded-lg border-l-4 border-request-600 bg-white px-4 py-3 ring-1 ring-line" data-testid="timeline-cycle">
      <div className="flex flex-wrap items-center gap-2">
        <When at={item.at} />
        {complete ? (
          <Badge tone="success">
            Complete{item.decision ? `: ${DECISION_LABELS[item.decision].label.toLowerCase()}` : ""}
          </Badge>
        ) : (
          <Badge tone="warning">In progress</Badge>
        )}
      </div>
      <h3 className="mt-0.5 font-semibold break-words text-ink">
        PDSA cycle {item.number}: {item.title}
      </h3>
      <dl className="mt-2 space-y-2">
        {parts
          .filter(([, text]) => text)
          .map(([label, text]) => (
            <div key={label}>
              <dt className="text-sm font-semibold text-ink-muted">{label}</dt>
              <dd className="break-words whitespace-pre-line text-ink">{text}</dd>
            </div>
          ))}
        {item.decision && (
          <div>
            <dt className="text-sm font-semibold text-ink-muted">Decision</dt>
            <dd className="text-ink">
              {DECISION_LABELS[item.decision].label}: {DECISION_LABELS[item.decision].hint}
            </dd>
          </div>
        )}
      </dl>
      {complete && item.completedAt && (
        <p className="mt-2 text-sm text-ink-muted">
          Completed <time dateTime={isoDay(item.completedAt)}>{formatDay(item.completedAt)}</time>
        </p>
      )}
      {canEdit && !complete && (
        <Link href={`/projects/${projectId}/cycles/${item.id}`} className="link mt-3 inline-flex min-h-11 items-center">
          Record the result<span className="sr-only"> of cycle {item.number}</span>
        </Link>
      )}
    </article>
  );
}
