// next-auth's routes, except POST /api/auth/signin/* (lib/auth/direct-sign-in.ts): sign-in links
// are asked for through the sign-in page's action, which applies the rate limits first.
import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { refuseDirectSignIn } from "@/lib/auth/direct-sign-in";

export const { GET } = handlers;

export function POST(request: NextRequest): Promise<Response> {
  return Promise.resolve(refuseDirectSignIn(request) ?? handlers.POST(request));
}
