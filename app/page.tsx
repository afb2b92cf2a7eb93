import type { Metadata } from "next";
import { BankTotals } from "@/components/home/bank-totals";
import { HowItWorks } from "@/components/home/how-it-works";
import { Welcome } from "@/components/home/welcome";
import { ListingSection } from "@/components/listings/listing-section";
import { bankNameForRequest, getBankTotals, HOME_LISTINGS_LIMIT, listOpenListings } from "@/lib/bank/public";

// Read from the database on every request; the build runs without one.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: { absolute: await bankNameForRequest() } };
}

export default async function HomePage() {
  const [name, totals, offers, requests] = await Promise.all([
    bankNameForRequest(),
    getBankTotals(),
    listOpenListings("offer", { limit: HOME_LISTINGS_LIMIT }),
    listOpenListings("request", { limit: HOME_LISTINGS_LIMIT }),
  ]);
  return (
    <>
        <Welcome bankName={name} />
        <HowItWorks />
        <BankTotals totals={totals} />
        <ListingSection
          id="offers"
          title="Open offers"
          intro="Skills that members are offering to share. Each shows roughly how long the help takes."
          listings={offers}
          total={totals.openOffers}
          empty="No one is offering help just now."
        />
        <ListingSection
          id="requests"
          title="Open requests"
          intro="Teams and members asking for help with their improvement work, and when they need it by."
          listings={requests}
          total={totals.openRequests}
          empty="No open requests just now."
        />
    </>
  );
}
