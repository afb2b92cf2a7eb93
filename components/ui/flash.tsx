"use client";
// A one-time message carried in the URL after a redirect (?saved=...): shown once, then the
// parameter is taken out of the address, so a later refresh or action on the page does not show
// it again.
import { useEffect } from "react";
import { Alert } from "./alert";

export function Flash({ message, param = "saved" }: { message: string; param?: string }) {
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has(param)) return;
    url.searchParams.delete(param);
    window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
  }, [param]);
  return <Alert tone="success">{message}</Alert>;
}
