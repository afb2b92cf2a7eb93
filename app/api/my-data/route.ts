// "Download my data": the signed-in member's data as a JSON file. The route checks the session
// itself (a route handler is a public endpoint).
import { currentMember } from "@/lib/auth/session";
import { isoDay } from "@/lib/format/date";
import { now } from "@/lib/clock";
import { exportMyData } from "@/lib/members/my-data";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const member = await currentMember();
  if (!member) return Response.json({ error: "Please sign in first." }, { status: 401 });
  const data = await exportMyData(member.id);
  if (!data) return Response.json({ error: "Please sign in first." }, { status: 401 });
  const body = JSON.stringify({ exportedAt: now().toISOString(), ...data }, null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="my-time-bank-data-${isoDay(now())}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
