/** What a certificate's hours mean: printed on the PDF and shown on the verification page. */
export const MEANING =
  "Hours in this time bank are given in exchanges that both members confirmed: the member who was helped confirmed that the help was given, and the hours moved from their account to the helper’s. One hour of help given is one hour, whatever the skill.";
