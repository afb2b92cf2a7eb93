// The code box on /verify: a plain GET form, so checking a certificate needs no JavaScript and
// changes nothing.
import { Field, TextInput } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { MAX_TYPED_CODE_CHARS } from "@/lib/certificates/code";

export function VerifyForm({ value = "", errors }: { value?: string; errors?: string[] }) {
  return (
    <form method="get" action="/verify" className="space-y-4" aria-label="Check a certificate">
      <Field id="code" label="Verification code" hint="Twelve letters and numbers, printed at the foot of the certificate, like ABCD-EFGH-JK23. Capitals, spaces and dashes do not matter." errors={errors}>
        {(aria) => (
          <TextInput
            {...aria}
            name="code"
            defaultValue={value}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={MAX_TYPED_CODE_CHARS}
            className="font-mono tracking-wider uppercase sm:max-w-80"
          />
        )}
      </Field>
      <button type="submit" className={buttonClass("primary")}>
        Check the certificate
      </button>
    </form>
  );
}
